package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/reqdesk/reqdesk/internal/attachment"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// errorScreen draws a small picture of an error dialog, as a customer's
// screenshot would show one: a window with a title bar and a red mark.
func errorScreen() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 240, 150))
	for y := 0; y < 150; y++ {
		for x := 0; x < 240; x++ {
			c := color.RGBA{240, 242, 245, 255}
			switch {
			case y < 22:
				c = color.RGBA{31, 111, 235, 255}
			case (x-40)*(x-40)+(y-80)*(y-80) < 300:
				c = color.RGBA{208, 48, 80, 255}
			case y > 70 && y < 76 && x > 70 && x < 210, y > 88 && y < 94 && x > 70 && x < 170:
				c = color.RGBA{120, 120, 120, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}

// attachments attaches a screenshot and a log to some of the open demo
// requests, as consultants do when a customer reports a problem.
func attachments(ctx context.Context, st *store.Store, cmds *command.Service, clk *clock.Fixed, now time.Time) error {
	page, err := st.ListRequests(ctx, request.Query{Statuses: []request.Status{request.StatusRegistered, request.StatusTriaged,
		request.StatusAssigned, request.StatusHandling, request.StatusAnalysis}, Sort: request.SortNumber, Limit: 200})
	if err != nil {
		return err
	}
	shot, err := errorScreen()
	if err != nil {
		return err
	}
	for i, r := range page.Items {
		if i%4 != 1 {
			continue
		}
		at := r.ReceivedAt.Add(20 * time.Minute)
		if at.After(now) {
			continue
		}
		clk.Set(at)
		actx := audit.WithActor(ctx, "李娜")
		log := fmt.Sprintf("%s 09:12:03 ERROR [%s] 接口调用失败：连接超时（30s）\n%s 09:12:04 WARN  重试 1/3\n",
			at.Format("2006-01-02"), r.Number, at.Format("2006-01-02"))
		for _, in := range []attachment.Input{
			{FileName: "客户报错截图.png", Note: "客户现场截图", Bytes: shot},
			{FileName: "error.log", Note: "客户提供的日志", Bytes: []byte(log)},
		} {
			if _, err := command.Run(actx, cmds, command.AddRequestAttachment{RequestID: r.ID, File: in}); err != nil {
				return fmt.Errorf("demo attachment on %s: %w", r.Number, err)
			}
		}
	}
	return nil
}
