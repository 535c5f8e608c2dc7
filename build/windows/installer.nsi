; 需求管家 ReqDesk — the Windows installer (NSIS 3, Unicode, 64-bit).
;
; Built by `make dist` (cmd/dist), which runs makensis with these defines:
;   VERSION    1.2.3 or 1.2.3-dev+g1a89b85     VIVERSION  1.2.3.0
;   EXE        the Windows program to install   ICON       build/windows/icon.ico
;   OUTFILE    the installer to write
;   WEBVIEW2   (optional) Microsoft's offline WebView2 runtime installer
;              (MicrosoftEdgeWebView2RuntimeInstallerX64.exe) to bundle
;   SIGNCMD    (optional) a command that Authenticode-signs the file named %1,
;              run on the uninstaller before it is packed
;
; Per user, without an administrator prompt: the program goes to
; %LOCALAPPDATA%\Programs\ReqDesk, shortcuts to the user's Start menu and
; desktop, the entry in 应用和功能 under HKCU. The data directory,
; %APPDATA%\reqdesk, is the program's, not the installer's: the uninstaller
; keeps it unless the user ticks 同时删除我的数据 (silently: /DELETEDATA).

Unicode true
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include nsDialogs.nsh

!define PRODUCT "需求管家"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ReqDesk"
; WebView2 Runtime's client id in EdgeUpdate's registry keys.
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT} ReqDesk ${VERSION}"
Caption "安装 ${PRODUCT} ${VERSION}"
UninstallCaption "卸载 ${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\ReqDesk"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${PRODUCT} ReqDesk ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

!ifdef SIGNCMD
!uninstfinalize '${SIGNCMD}'
!endif

Var DataDir        ; %APPDATA%\reqdesk
Var DeleteData     ; 1: the uninstaller removes the data directory too
Var DataCheckbox
Var DataNote       ; what happened to the data, shown at the end

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "本向导将在这台电脑上为当前用户安装 ${PRODUCT} ${VERSION}，不需要管理员权限。$\r$\n$\r$\n${PRODUCT}用于离线登记和处理客户需求。数据保存在 %APPDATA%\reqdesk，升级或卸载程序都不会删除它。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\reqdesk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在启动${PRODUCT}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${PRODUCT}已卸载"
!define MUI_FINISHPAGE_TEXT "$DataNote"
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VIVERSION}"
VIFileVersion "${VIVERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${PRODUCT} ReqDesk"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "ReqDesk"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "ReqDesk"

; $0 = the installed WebView2 runtime's version, or "" when there is none
; (per machine under HKLM, 64- or 32-bit view, or per user under HKCU).
Function FindWebView2
  StrCpy $0 ""
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

Section "${PRODUCT}" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ClearErrors
  File "/oname=reqdesk.exe" "${EXE}"
  ${If} ${Errors}
    MessageBox MB_ICONSTOP|MB_OK "无法写入 $INSTDIR\reqdesk.exe。如果${PRODUCT}正在运行，请先关闭它再安装。" /SD IDOK
    Abort
  ${EndIf}
  File "/oname=reqdesk.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\reqdesk.exe" "" "$INSTDIR\reqdesk.exe" 0 SW_SHOWNORMAL "" "${PRODUCT} — 客户需求响应管理"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\reqdesk.exe" "" "$INSTDIR\reqdesk.exe" 0 SW_SHOWNORMAL "" "${PRODUCT} — 客户需求响应管理"

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${PRODUCT} ReqDesk"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "ReqDesk"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\reqdesk.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

; The window needs Microsoft Edge WebView2. Windows 11 and current Windows 10
; have it; an older or stripped-down system may not.
Section "WebView2" SecWebView2
  SectionIn RO
  Call FindWebView2
  ${If} $0 != ""
    DetailPrint "WebView2 运行时已安装（$0）。"
    Return
  ${EndIf}
  DetailPrint "这台电脑没有 Microsoft Edge WebView2 运行时，${PRODUCT}的窗口需要它。"
!ifdef WEBVIEW2
  DetailPrint "正在安装随附的 WebView2 运行时（离线安装包，不需要网络）……"
  File "/oname=$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstaller.exe" "${WEBVIEW2}"
  ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstaller.exe" /silent /install' $1
  DetailPrint "WebView2 离线安装包退出码：$1"
!else
  DetailPrint "正在从微软下载 WebView2 运行时（需要网络）……"
  nsExec::ExecToLog 'powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "$$ProgressPreference=$\'SilentlyContinue$\'; Invoke-WebRequest -UseBasicParsing -TimeoutSec 120 -Uri https://go.microsoft.com/fwlink/p/?LinkId=2124703 -OutFile $\'$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe$\'"'
  Pop $1
  ${If} $1 == 0
  ${AndIf} ${FileExists} "$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe"
    ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install' $1
    DetailPrint "WebView2 安装程序退出码：$1"
  ${Else}
    DetailPrint "无法下载 WebView2 运行时（$1）。"
  ${EndIf}
!endif
  Call FindWebView2
  ${If} $0 == ""
    DetailPrint "WebView2 运行时仍未安装。"
    MessageBox MB_ICONEXCLAMATION|MB_OK "${PRODUCT}已安装，但这台电脑缺少 Microsoft Edge WebView2 运行时，没有它${PRODUCT}的窗口无法打开。$\r$\n$\r$\n联网时重新运行本安装程序即可自动安装；不能联网时，请向 IT 部门索取随附 WebView2 离线安装包的${PRODUCT}安装程序，或微软的“WebView2 Runtime 独立安装程序 (x64)”。" /SD IDOK
  ${Else}
    DetailPrint "WebView2 运行时已安装（$0）。"
  ${EndIf}
SectionEnd

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
  StrCpy $DataDir "$APPDATA\reqdesk"
  StrCpy $DeleteData 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  ${IfNot} ${Errors}
    StrCpy $DeleteData 1
  ${EndIf}
FunctionEnd

Function un.DataPage
  !insertmacro MUI_HEADER_TEXT "你的数据" "卸载程序默认保留你的数据。"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 48u "${PRODUCT}的数据（数据库、每日备份、生成的文档和日志）在：$\r$\n$DataDir$\r$\n$\r$\n不勾选下面一项时，数据会保留，重新安装后可以继续使用。"
  Pop $0
  ${NSD_CreateCheckbox} 0 60u 100% 12u "同时删除我的数据（无法恢复）"
  Pop $DataCheckbox
  ${If} $DeleteData == 1
    ${NSD_Check} $DataCheckbox
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DataCheckbox $0
  ${If} $0 == ${BST_CHECKED}
    MessageBox MB_ICONEXCLAMATION|MB_YESNO "确定要删除 $DataDir 中的全部数据吗？删除后无法恢复。" /SD IDYES IDYES +2
    Abort
    StrCpy $DeleteData 1
  ${Else}
    StrCpy $DeleteData 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  ClearErrors
  Delete "$INSTDIR\reqdesk.exe"
  ${If} ${Errors}
  ${AndIf} ${FileExists} "$INSTDIR\reqdesk.exe"
    MessageBox MB_ICONSTOP|MB_OK "${PRODUCT}正在运行，无法卸载。请先关闭它再卸载。" /SD IDOK
    Abort
  ${EndIf}
  Delete "$INSTDIR\reqdesk.exe.old"
  Delete "$INSTDIR\reqdesk.exe.new"
  Delete "$INSTDIR\reqdesk.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"

  ${If} $DeleteData == 1
    RMDir /r "$DataDir"
    StrCpy $DataNote "${PRODUCT}已从这台电脑卸载，数据目录 $DataDir 也已删除。"
  ${Else}
    StrCpy $DataNote "${PRODUCT}已从这台电脑卸载。你的数据已保留在 $DataDir，重新安装后可继续使用；不再需要时可以手动删除这个文件夹。"
  ${EndIf}
  DetailPrint "$DataNote"
SectionEnd
