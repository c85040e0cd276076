; The Windows installer of Cluster Desk (클러스터 데스크): per user, no administrator
; rights, Korean first. Built on Linux by scripts/package-windows.sh with Debian's
; makensis; see docs/decisions.md ("Windows installer").
;
; Command-line switches (besides NSIS's own /S and /D=):
;   /WEBVIEW2=skip      do not install the WebView2 runtime (managed laptops, CI)
;   (uninstaller) /DELETEDATA   also delete the user's database and attachments
;
; Defines from the build script: VERSION, APP_EXE (the built cluster-desk.exe), OUT_FILE,
; ICON; optional LOADER_DLL (WebView2Loader.dll) and WEBVIEW2_OFFLINE (the WebView2
; offline installer, for laptops without a network at install time).

; A 64-bit installer for a 64-bit app (Cluster Desk is built for x86_64 only).
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define PRODUCT "클러스터 데스크"
!define PRODUCT_EN "Cluster Desk"
!define IDENTIFIER "kr.or.kicox.clusterdesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ClusterDesk"
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\ClusterDesk"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT_EN}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT_EN} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "KICOX mini-cluster programme"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\cluster-desk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; Korean is the first language, so it is the default; English for an English Windows.
!insertmacro MUI_LANGUAGE "Korean"
!insertmacro MUI_LANGUAGE "English"

LangString RunNow ${LANG_KOREAN} "클러스터 데스크 실행"
LangString RunNow ${LANG_ENGLISH} "Start Cluster Desk"
LangString WebView2Missing ${LANG_KOREAN} "화면 표시에 필요한 Microsoft WebView2 런타임을 설치하지 못했습니다.$\r$\n인터넷에 연결한 뒤 설치 프로그램을 다시 실행하거나, 오프라인용 설치 프로그램을 사용하세요."
LangString WebView2Missing ${LANG_ENGLISH} "The Microsoft WebView2 runtime the window needs could not be installed.$\r$\nConnect to the internet and run the installer again, or use the offline installer."
LangString WebView2Installing ${LANG_KOREAN} "Microsoft WebView2 런타임을 설치하는 중…"
LangString WebView2Installing ${LANG_ENGLISH} "Installing the Microsoft WebView2 runtime…"
LangString ProgramSection ${LANG_KOREAN} "프로그램"
LangString ProgramSection ${LANG_ENGLISH} "Program"
LangString DataSection ${LANG_KOREAN} "내 데이터도 삭제 (클러스터 데이터베이스와 첨부 파일)"
LangString DataSection ${LANG_ENGLISH} "Also delete my data (the cluster database and attachments)"
LangString DataSectionHelp ${LANG_KOREAN} "선택하지 않으면 데이터는 남아 있어, 다시 설치하면 그대로 이어서 쓸 수 있습니다."
LangString DataSectionHelp ${LANG_ENGLISH} "Unless chosen, your data stays, and a new installation carries on with it."

Var WebView2Mode

Function .onInit
  ${GetParameters} $0
  ${GetOptions} $0 "/WEBVIEW2=" $WebView2Mode
FunctionEnd

; Whether a WebView2 runtime is there, for all users or for this one.
Function WebView2Present
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

; Tauri's recommendation for machines without WebView2 (Windows 10 before 2021): run
; Microsoft's bootstrapper, which fetches the runtime, or the offline installer when this
; installer carries it. Windows 11 always has the runtime.
Function InstallWebView2
  ${If} $WebView2Mode == "skip"
    Return
  ${EndIf}
  Call WebView2Present
  ${If} $0 != ""
    Return
  ${EndIf}
  DetailPrint "$(WebView2Installing)"
!ifdef WEBVIEW2_OFFLINE
  File "/oname=$PLUGINSDIR\webview2-offline.exe" "${WEBVIEW2_OFFLINE}"
  ExecWait '"$PLUGINSDIR\webview2-offline.exe" /silent /install' $1
!else
  nsExec::ExecToLog 'powershell.exe -NoProfile -NonInteractive -Command "[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12; Invoke-WebRequest -UseBasicParsing -Uri https://go.microsoft.com/fwlink/p/?LinkId=2124703 -OutFile $\"$PLUGINSDIR\webview2-bootstrapper.exe$\""'
  Pop $1
  ${If} ${FileExists} "$PLUGINSDIR\webview2-bootstrapper.exe"
    ExecWait '"$PLUGINSDIR\webview2-bootstrapper.exe" /silent /install' $1
  ${EndIf}
!endif
  Call WebView2Present
  ${If} $0 == ""
    MessageBox MB_ICONEXCLAMATION|MB_OK "$(WebView2Missing)" /SD IDOK
  ${EndIf}
FunctionEnd

Section "$(ProgramSection)" SecProgram
  SectionIn RO
  InitPluginsDir
  SetOutPath "$INSTDIR"
  ; Installing over an older version replaces the program only: the database lives in
  ; the user's %APPDATA%, and the new version backs it up before upgrading its schema.
  File "/oname=cluster-desk.exe" "${APP_EXE}"
!ifdef LOADER_DLL
  File "/oname=WebView2Loader.dll" "${LOADER_DLL}"
!endif
  File "/oname=cluster-desk.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\cluster-desk.exe" "" "$INSTDIR\cluster-desk.ico"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\cluster-desk.exe" "" "$INSTDIR\cluster-desk.ico"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "KICOX mini-cluster programme"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\cluster-desk.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  Call InstallWebView2
SectionEnd

Section "un.$(ProgramSection)" UnSecProgram
  SectionIn RO
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  Delete "$INSTDIR\cluster-desk.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\cluster-desk.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ; The webview's cache is not the user's data.
  RMDir /r "$LOCALAPPDATA\${IDENTIFIER}\EBWebView"
  RMDir "$LOCALAPPDATA\${IDENTIFIER}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; Off unless ticked (or /DELETEDATA on a silent uninstall): the data outlives the program.
Section /o "un.$(DataSection)" UnSecData
  RMDir /r "$APPDATA\${IDENTIFIER}"
  RMDir /r "$LOCALAPPDATA\${IDENTIFIER}"
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecData} "$(DataSectionHelp)"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END

Function un.onInit
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${UnSecData}
  ${EndIf}
FunctionEnd
