package release

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// ManPage writes reqdesk(1) in roff from the program's own command tree, so
// the page lists exactly the commands and flags `reqdesk help` knows.
func ManPage(root *cobra.Command, version string, date time.Time) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, ".TH REQDESK 1 %q %q \"ReqDesk Manual\"\n", date.UTC().Format("2006-01-02"), "reqdesk "+version)
	b.WriteString(".SH NAME\nreqdesk \\- " + roff(root.Short) + "\n")
	b.WriteString(".SH SYNOPSIS\n.B reqdesk\n[\\fB\\-\\-data\\fR \\fIDIR\\fR] [\\fICOMMAND\\fR] [\\fIARGS\\fR...]\n")
	b.WriteString(".SH DESCRIPTION\n" + roff(root.Long) + "\n.PP\n" +
		"Without a command it opens the desktop window. Every command reads and writes the same data directory.\n")
	b.WriteString(".SH GLOBAL OPTIONS\n")
	writeFlags(&b, root.PersistentFlags())
	b.WriteString(".SH COMMANDS\n")
	var walk func(c *cobra.Command, path string)
	walk = func(c *cobra.Command, path string) {
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() || sub.Name() == "help" {
				continue
			}
			p := strings.TrimSpace(path + " " + sub.Name())
			fmt.Fprintf(&b, ".SS \"%s\"\n", roff(strings.TrimSpace(path+" "+sub.UseLine()[len(c.CommandPath())+1:])))
			text := sub.Long
			if text == "" {
				text = sub.Short
			}
			b.WriteString(roff(text) + "\n")
			if sub.HasLocalFlags() {
				b.WriteString(".RS\n")
				writeFlags(&b, sub.LocalNonPersistentFlags())
				b.WriteString(".RE\n")
			}
			walk(sub, p)
		}
	}
	walk(root, "")
	b.WriteString(".SH FILES\n.TP\n.I ~/.local/share/reqdesk/\n" +
		"The data directory: the database, its daily backups and the log (\\fB$XDG_DATA_HOME/reqdesk\\fR when set). " +
		"Removing the package keeps it.\n")
	b.WriteString(".SH SEE ALSO\n\\fBreqdesk help\\fR \\fICOMMAND\\fR, /usr/share/doc/reqdesk/CHANGELOG.md\n")
	return b.Bytes()
}

func writeFlags(b *bytes.Buffer, fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name := "\\fB\\-\\-" + roff(f.Name) + "\\fR"
		if f.Shorthand != "" {
			name = "\\fB\\-" + roff(f.Shorthand) + "\\fR, " + name
		}
		if f.Value.Type() != "bool" {
			name += " \\fI" + roff(f.Value.Type()) + "\\fR"
		}
		fmt.Fprintf(b, ".TP\n%s\n%s", name, roff(f.Usage))
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
			fmt.Fprintf(b, " (default %s)", roff(f.DefValue))
		}
		b.WriteString("\n")
	})
}

// roff escapes text for a man page: backslashes, and a line that would
// start with a control character.
func roff(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\e")
	s = strings.ReplaceAll(s, "-", "\\-")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = "\\&" + l
		}
		if strings.TrimSpace(l) == "" {
			lines[i] = ".PP"
		}
	}
	return strings.Join(lines, "\n")
}
