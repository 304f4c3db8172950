; Inno Setup 6 script for the RegDesk desk app (per-machine install).
; Build the bundle first (pyinstaller --noconfirm build.spec → dist\RegDesk), then:
;   iscc installer\regdesk.iss                      → dist\installer\RegDesk-<version>-setup.exe
; The version is read from RegDesk.exe's version info (itself from pyproject.toml); override
; with  iscc /DAppVersion=1.2.3 installer\regdesk.iss .  Signing: see docs\windows.md.
;
; Data is never installed or removed by [Files]: the database, backups and logs live
;   - per Windows user by default (%LOCALAPPDATA%\RegDesk\RegDesk), or
;   - with the task "shareddata", in one folder for every account ({commonappdata}\RegDesk,
;     i.e. C:\ProgramData\RegDesk), named in {app}\regdesk.ini, which the app reads
;     (src\regdesk\paths.py; REGDESK_HOME still wins).
; Upgrades keep the data; uninstall keeps it unless the user says yes to deleting it.

#define AppName "RegDesk"
#define AppExe "RegDesk.exe"
#define CliExe "regdesk-cli.exe"
#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\dist\RegDesk"
#endif
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(SourceDir + "\" + AppExe)
#endif

[Setup]
; keep AppId forever: upgrades find the installed copy by it
AppId={{31F0965B-D6D9-4B6F-B52B-F60256BD7907}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=RegDesk developers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#SourcePath}\..\dist\installer
OutputBaseFilename=RegDesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\resources\icons\regdesk.ico
UninstallDisplayName={#AppName}
; a running RegDesk holds its files: close it (Restart Manager), restart it afterwards
CloseApplications=yes
RestartApplications=yes
UsePreviousTasks=yes
MinVersion=10.0
; release builds sign the setup and the uninstaller: define the sign tool "signtool" and
; Sign on the command line (docs\windows.md, "Code signing")
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

; Indonesian is not among Inno Setup's bundled translations: used when the build machine has
; it (Languages\Indonesian.isl from the Inno Setup translations page), else English only.
#define HaveIndonesian FileExists(CompilerPath + "Languages\Indonesian.isl")

[Languages]
#if HaveIndonesian
Name: "id"; MessagesFile: "compiler:Languages\Indonesian.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.SharedData=Keep the data for every Windows user of this PC (C:\ProgramData\RegDesk), for clerks who share one PC under different accounts
en.DataGroup=Data location:
en.DeleteData=Also delete the RegDesk data (database, backups, logs) in:%n%n%1%n%nChoose "No" to keep it (recommended).
#if HaveIndonesian
id.SharedData=Simpan data untuk semua pengguna Windows di PC ini (C:\ProgramData\RegDesk), bila beberapa petugas memakai satu PC dengan akun berbeda
id.DataGroup=Lokasi data:
id.DeleteData=Hapus juga data RegDesk (basis data, cadangan, log) di:%n%n%1%n%nPilih "Tidak" untuk menyimpannya (disarankan).
#endif

[Tasks]
Name: "shareddata"; Description: "{cm:SharedData}"; GroupDescription: "{cm:DataGroup}"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the whole bundle (no stale libraries) and re-writes the data choice
Type: filesandordirs; Name: "{app}\_internal"
Type: files; Name: "{app}\regdesk.ini"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; every clerk's account may write the shared database (ProgramData is read-only for users)
Name: "{commonappdata}\{#AppName}"; Permissions: users-modify; Tasks: shareddata; Flags: uninsneveruninstall

[INI]
Filename: "{app}\regdesk.ini"; Section: "data"; Key: "home"; String: "{commonappdata}\{#AppName}"; Tasks: shareddata

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
Type: files; Name: "{app}\regdesk.ini"

[Code]
{ The data folders: the shared one (if the install used it) and the uninstalling user's own.
  Other accounts' per-user folders are never touched. }
function DataFolders(): String;
var
  Shared: String;
begin
  Result := '';
  Shared := GetIniString('data', 'home', '', ExpandConstant('{app}\regdesk.ini'));
  if (Shared <> '') and DirExists(Shared) then
    Result := Shared;
  if DirExists(ExpandConstant('{localappdata}\RegDesk')) then
  begin
    if Result <> '' then
      Result := Result + #13#10;
    Result := Result + ExpandConstant('{localappdata}\RegDesk');
  end;
end;

var
  FoldersToDelete: String;

function InitializeUninstall(): Boolean;
begin
  { read before [UninstallDelete] removes regdesk.ini }
  FoldersToDelete := DataFolders();
  Result := True;
end;

procedure DeleteFolders(Folders: String);
var
  Line: String;
  Cut: Integer;
begin
  while Folders <> '' do
  begin
    Cut := Pos(#13#10, Folders);
    if Cut = 0 then
    begin
      Line := Folders;
      Folders := '';
    end
    else
    begin
      Line := Copy(Folders, 1, Cut - 1);
      Folders := Copy(Folders, Cut + 2, Length(Folders));
    end;
    DelTree(Line, True, True, True);
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { kept unless asked: a silent uninstall never deletes, and "No" is the default answer }
  if (CurUninstallStep = usPostUninstall) and (FoldersToDelete <> '') and not UninstallSilent() then
    if MsgBox(FmtMessage(CustomMessage('DeleteData'), [FoldersToDelete]), mbConfirmation,
              MB_YESNO or MB_DEFBUTTON2) = IDYES then
      DeleteFolders(FoldersToDelete);
end;
