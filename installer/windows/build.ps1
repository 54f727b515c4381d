<#
.SYNOPSIS
  Native Windows build + smoke test of GAIC Desktop (政府信息公开年报编制器): the same steps as
  build-wine.sh, on a real Windows 10/11 x64 PC.

.DESCRIPTION
  1. venv      a venv from the given CPython 3.11 (python.org installer or embeddable build with
               pip), filled from a local wheel folder (offline build machines) or, with -Download,
               from PyPI into that folder first; versions pinned by constraints-win.txt
  2. freeze    PyInstaller with gaic-desktop-win.spec -> build\windows\dist\gaic-desktop
  3. setup     nsis_filelist.py + makensis -> GAIC-Desktop-<version>-setup.exe
  4. smoke     silent install into a temporary folder (/S /D=...), files, links, HKCU keys;
               --selftest; validate, export, import; the window (gaic-desktop.exe stays up,
               first paint); silent uninstall; installed files, links and keys gone, a user's
               file kept
  5. figures   installed size (budget 130 MB), setup size (budget 80 MB), timings

  The smoke test installs for the CURRENT user (Start-menu link, desktop link, HKCU keys) and
  removes it again: run it on a build machine, not on a PC where GAIC Desktop is in use (it
  refuses when an installation is registered, unless -Force).

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 -Python C:\Python311\python.exe -Wheelhouse D:\wheelhouse
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 -Download   # online PC: fills .\build\windows\wheelhouse
#>
[CmdletBinding()]
param(
    [string]$Python = "",
    [string]$Wheelhouse = "",
    [switch]$Download,
    [string]$Makensis = "",
    [string]$OutDir = "",
    [switch]$SkipSmoke,
    [switch]$Force
)

# Continue: Windows PowerShell 5.1 turns a native program's stderr into errors, which "Stop"
# would make fatal; every step checks exit codes itself.
$ErrorActionPreference = "Continue"
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$OutputEncoding = [System.Text.Encoding]::UTF8

$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$Repo = (Resolve-Path (Join-Path $Here "..\..")).Path
$Build = Join-Path $Repo "build\windows"
if (-not $OutDir) { $OutDir = Join-Path $Build "out" }
if (-not $Wheelhouse) { $Wheelhouse = Join-Path $Build "wheelhouse" }
New-Item -ItemType Directory -Force -Path $Build, $OutDir, $Wheelhouse | Out-Null
$Version = [regex]::Match((Get-Content -Raw -Encoding UTF8 (Join-Path $Repo "gaic_desktop\__init__.py")), '__version__ = "([^"]+)"').Groups[1].Value
$SetupName = "GAIC-Desktop-$Version-setup.exe"
$AppZh = "政府信息公开年报编制器"
$Constraints = Join-Path $Here "constraints-win.txt"
# the program's runtime dependencies, as pyproject.toml lists them, and the build tools
$RuntimeDeps = & $Python -c "import sys, tomllib; print('\n'.join(tomllib.load(open(sys.argv[1], 'rb'))['project']['dependencies']))" (Join-Path $Repo "pyproject.toml")
$Reqs = @($RuntimeDeps) + @("pyinstaller", "pefile", "pywin32-ctypes")

$T0 = Get-Date
$Timings = New-Object System.Collections.ArrayList
$Fails = New-Object System.Collections.ArrayList
$script:StepName = $null
$script:StepStart = $null
function End-Step {
    if ($script:StepName) {
        [void]$Timings.Add(("{0,-34} {1,5:N0}s" -f $script:StepName, ((Get-Date) - $script:StepStart).TotalSeconds))
    }
    $script:StepName = $null
}
function Step([string]$Name) {
    End-Step
    $script:StepName = $Name; $script:StepStart = Get-Date
    Write-Host ""; Write-Host "=== $Name"
}
function Check([string]$What, [bool]$Ok) {
    if ($Ok) { Write-Host "  PASS  $What" } else { Write-Host "  FAIL  $What"; [void]$Fails.Add($What) }
}
function Die([string]$Msg) { Write-Error "build.ps1: $Msg"; exit 1 }
function Run([string]$Exe, [string[]]$Arguments, [string]$Log) {
    # a program with its output (stdout and stderr, decoded as UTF-8) in a UTF-8 log file;
    # returns its exit code. (Plain "> file" would write UTF-16 in Windows PowerShell 5.1.)
    & $Exe @Arguments 2>&1 | ForEach-Object { "$_" } | Set-Content -Encoding UTF8 -Path $Log
    return $LASTEXITCODE
}

# ==============================================================================================
Step "1. venv and wheels"
if (-not $Python) {
    $py = Get-Command py -ErrorAction SilentlyContinue
    if ($py) { $Python = (& py -3.11 -c "import sys; print(sys.executable)").Trim() }
    else { $Python = (Get-Command python -ErrorAction Stop).Source }
}
$pyver = (& $Python -c "import sys, struct; print('%d.%d-%d' % (sys.version_info[0], sys.version_info[1], struct.calcsize('P') * 8))").Trim()
if ($pyver -ne "3.11-64") { Die "need a 64-bit CPython 3.11, got $pyver from $Python" }
$sig = Get-AuthenticodeSignature -FilePath $Python
Write-Host "  $Python ($pyver): signature $($sig.Status), $($sig.SignerCertificate.Subject)"
if ($sig.Status -ne "Valid" -or $sig.SignerCertificate.Subject -notmatch "Python Software Foundation") { Die "$Python is not the PSF-signed python.org build" }
if ($Download) {
    & $Python -m pip download --only-binary=:all: -c $Constraints -d $Wheelhouse @Reqs
    if ($LASTEXITCODE -ne 0) { Die "pip download failed" }
}
$Venv = Join-Path $Build "venv"
$VPy = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VPy)) {
    & $Python -m venv $Venv
    if ($LASTEXITCODE -ne 0) { Die "python -m venv failed (an embeddable Python needs the venv module; use the python.org installer build)" }
}
$rc = Run $VPy (@("-m", "pip", "install", "--no-index", "--find-links", $Wheelhouse, "-c", $Constraints) + $Reqs) (Join-Path $OutDir "wheels-install.log")
if ($rc -ne 0) { Die "pip install from $Wheelhouse failed, see $OutDir\wheels-install.log" }

# ==============================================================================================
Step "2. PyInstaller"
$Dist = Join-Path $Build "dist"
$Work = Join-Path $Build "work"
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Dist, $Work
$rc = Run $VPy @("-m", "PyInstaller", "--noconfirm", "--distpath", $Dist, "--workpath", $Work, (Join-Path $Here "gaic-desktop-win.spec")) (Join-Path $OutDir "pyinstaller.log")
if ($rc -ne 0) { Die "PyInstaller failed, see $OutDir\pyinstaller.log" }
$Bundle = Join-Path $Dist "gaic-desktop"
foreach ($f in @("gaic-desktop.exe", "gaic-desktop-cli.exe", "_internal\PySide6\plugins\platforms\qwindows.dll", "_internal\PySide6\translations\qtbase_zh_CN.qm", "_internal\gaic_desktop\resources\formats\2021.json")) {
    if (-not (Test-Path (Join-Path $Bundle $f))) { Die "bundle is missing $f" }
}

# ==============================================================================================
Step "3. setup.exe (makensis)"
if (-not $Makensis) {
    $m = Get-Command makensis -ErrorAction SilentlyContinue
    if ($m) { $Makensis = $m.Source } else { $Makensis = Join-Path ${env:ProgramFiles(x86)} "NSIS\makensis.exe" }
}
if (-not (Test-Path $Makensis)) { Die "makensis not found (install NSIS 3.x or pass -Makensis)" }
$PayloadNsh = Join-Path $OutDir "payload.nsh"
& $VPy (Join-Path $Here "nsis_filelist.py") $Bundle $PayloadNsh
if ($LASTEXITCODE -ne 0) { Die "nsis_filelist.py failed" }
$rc = Run $Makensis @("/V2", "/WX", "/DVERSION=$Version", "/DPAYLOAD_NSH=$PayloadNsh", "/DOUTDIR=$OutDir", (Join-Path $Here "setup.nsi")) (Join-Path $OutDir "makensis.log")
$Setup = Join-Path $OutDir $SetupName
if ($rc -ne 0 -or -not (Test-Path $Setup)) { Die "makensis failed, see $OutDir\makensis.log" }
Write-Host "  $Setup"

if ($SkipSmoke) { End-Step; Write-Host "smoke test skipped (-SkipSmoke)"; exit 0 }

# ==============================================================================================
Step "4a. smoke: silent install"
$RegApp = "HKCU:\Software\GAIC Desktop"
$RegUninst = "HKCU:\Software\Microsoft\Windows\CurrentVersion\Uninstall\GAIC Desktop"
if ((Test-Path $RegUninst) -and -not $Force) { Die "GAIC Desktop is installed for this user; the smoke test would replace it (use -Force on a build machine)" }
$Smoke = Join-Path $env:TEMP "gaic-smoke"
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Smoke
$Inst = Join-Path $Smoke "GAIC Desktop"
$Docs = Join-Path $Smoke "文档\年报"
New-Item -ItemType Directory -Force -Path $Docs | Out-Null
$StartMenuLink = Join-Path ([Environment]::GetFolderPath("Programs")) "$AppZh.lnk"
$DesktopLink = Join-Path ([Environment]::GetFolderPath("Desktop")) "$AppZh.lnk"
$t = Get-Date
# one string, passed as it is: /D= must come last and unquoted, even with spaces
Start-Process -Wait -FilePath $Setup -ArgumentList "/S /D=$Inst"
$InstallSecs = ((Get-Date) - $t).TotalSeconds
Check "installed gaic-desktop.exe, gaic-desktop-cli.exe, uninstall.exe" ((Test-Path "$Inst\gaic-desktop.exe") -and (Test-Path "$Inst\gaic-desktop-cli.exe") -and (Test-Path "$Inst\uninstall.exe"))
Check "Start-menu link" (Test-Path $StartMenuLink)
Check "desktop link" (Test-Path $DesktopLink)
Check "HKCU uninstall entry" (Test-Path $RegUninst)
Check "HKCU ProgID GAIC.Report with icon" (Test-Path "HKCU:\Software\Classes\GAIC.Report\DefaultIcon")
Check "GAIC.Report in .json OpenWithProgids" ($null -ne (Get-ItemProperty -Path "HKCU:\Software\Classes\.json\OpenWithProgids" -Name "GAIC.Report" -ErrorAction SilentlyContinue))
$InstalledBytes = (Get-ChildItem -Recurse -File $Inst | Measure-Object -Sum Length).Sum
$Cli = Join-Path $Inst "gaic-desktop-cli.exe"

# ==============================================================================================
Step "4b. smoke: selftest, validate, export, import"
$Report = Join-Path $Docs "汉阳区2020.gaic.json"
Copy-Item (Join-Path $Repo "resources\samples\hanyang-2020.gaic.json") $Report
$rc = Run $Cli @("--selftest", "--out", (Join-Path $Smoke "selftest"), "--screenshot", (Join-Path $OutDir "selftest-window.png")) (Join-Path $OutDir "selftest.log")
Get-Content -Encoding UTF8 (Join-Path $OutDir "selftest.log") | ForEach-Object { "    $_" }
Check "--selftest exit 0" ($rc -eq 0)
$rc = Run $Cli @("validate", $Report) (Join-Path $OutDir "validate.log")
Check "validate exit 0 or 1 (report read)" ($rc -le 1)
$rc = Run $Cli @("export", "--list-fonts") (Join-Path $OutDir "list-fonts.log")
Get-Content -Encoding UTF8 (Join-Path $OutDir "list-fonts.log") | Select-String "system:" | ForEach-Object { "    $_" }
$Pdf = Join-Path $Docs "汉阳区2020.pdf"
$rc = Run $Cli @("export", $Report, "-o", $Pdf) (Join-Path $OutDir "export.log")
Check "export exit 0, PDF written" (($rc -eq 0) -and (Test-Path $Pdf))
$Imported = Join-Path $Docs "导入-汉阳区2020.gaic.json"
$rc = Run $Cli @("import", $Pdf, "-o", $Imported, "--quiet") (Join-Path $OutDir "import.log")
Check "import of the exported PDF exit 0" (($rc -eq 0) -and (Test-Path $Imported))
$Published = Join-Path $Repo "..\shared\realreports\huaian-2024.pdf"
if (Test-Path $Published) {
    $rc = Run $Cli @("import", $Published, "-o", (Join-Path $Docs "huaian-2024.gaic.json"), "--quiet") (Join-Path $OutDir "import-published.log")
    Check "import of a published PDF (huaian-2024) exit 0" ($rc -eq 0)
}
# the venv (same wheels, source tree) must give the identical JSON
$VenvJson = Join-Path $Smoke "venv-imported.gaic.json"
Push-Location $Repo
& $VPy -m gaic_desktop import $Pdf -o $VenvJson --quiet *> $null
Pop-Location
Check "imported JSON identical to the venv's" ((Test-Path $VenvJson) -and ((Get-FileHash $VenvJson).Hash -eq (Get-FileHash $Imported).Hash))

# ==============================================================================================
Step "4c. smoke: the window"
$launch = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000.0
$fp = (& $Cli --selftest --first-paint 2>&1 | Out-String)
$m = [regex]::Match($fp, "first-paint ([0-9.]+)")
$FirstPaint = "none"
if ($m.Success) { $FirstPaint = "{0:N2} s" -f ([double]$m.Groups[1].Value - $launch) }
Check "window painted: $FirstPaint from launch" $m.Success
$proc = Start-Process -PassThru -FilePath (Join-Path $Inst "gaic-desktop.exe") -ArgumentList "`"$Report`""
Start-Sleep -Seconds 15
$proc.Refresh()
Check "gaic-desktop.exe running after 15 s, window titled" ((-not $proc.HasExited) -and ($proc.MainWindowTitle -ne ""))
Write-Host "    window title: $($proc.MainWindowTitle)"
# while it runs, the uninstaller must refuse (its files are locked) and remove nothing
$u = Start-Process -Wait -PassThru -FilePath (Join-Path $Inst "uninstall.exe") -ArgumentList "/S _?=$Inst"
Check "uninstall refused while gaic-desktop.exe runs (exit $($u.ExitCode)), nothing removed" (($u.ExitCode -ne 0) -and (Test-Path "$Inst\_internal\python311.dll"))
if (-not $proc.HasExited) { Stop-Process -Id $proc.Id -Force }
Start-Sleep -Seconds 2

# ==============================================================================================
Step "4d. smoke: silent uninstall"
Set-Content -Encoding UTF8 -Path (Join-Path $Inst "我的备份.gaic.json") -Value "用户放在程序文件夹里的文件"
$t = Get-Date
# _?= runs the uninstaller in place so that -Wait waits for it; it cannot delete itself then
Start-Process -Wait -FilePath (Join-Path $Inst "uninstall.exe") -ArgumentList "/S _?=$Inst"
$UninstallSecs = ((Get-Date) - $t).TotalSeconds
Remove-Item -Force -ErrorAction SilentlyContinue (Join-Path $Inst "uninstall.exe")
Check "installed files removed" (-not (Test-Path "$Inst\gaic-desktop.exe") -and -not (Test-Path "$Inst\_internal"))
Check "a user's file in the program folder kept" (Test-Path (Join-Path $Inst "我的备份.gaic.json"))
Check "the user's reports kept" ((Test-Path $Report) -and (Test-Path $Pdf))
Check "Start-menu and desktop links removed" (-not (Test-Path $StartMenuLink) -and -not (Test-Path $DesktopLink))
Check "uninstall entry, ProgID, Open-with entry removed" (-not (Test-Path $RegUninst) -and -not (Test-Path "HKCU:\Software\Classes\GAIC.Report") -and -not (Test-Path $RegApp) -and ($null -eq (Get-ItemProperty -Path "HKCU:\Software\Classes\.json\OpenWithProgids" -Name "GAIC.Report" -ErrorAction SilentlyContinue)))

# ==============================================================================================
End-Step
$SetupBytes = (Get-Item $Setup).Length
Write-Host ""
Write-Host ("=== figures ({0:yyyy-MM-dd HH:mm} UTC, {1})" -f (Get-Date).ToUniversalTime(), [Environment]::OSVersion.VersionString)
Write-Host ("  installed size   {0:N1} MB  (budget 130 MB)" -f ($InstalledBytes / 1MB))
Write-Host ("  setup.exe        {0:N1} MB  (budget 80 MB)  {1}" -f ($SetupBytes / 1MB), $SetupName)
Write-Host ("  install {0:N0} s, uninstall {1:N0} s; window: first paint {2}" -f $InstallSecs, $UninstallSecs, $FirstPaint)
$Timings | ForEach-Object { Write-Host "  $_" }
Write-Host ("  total                              {0:N0}s" -f ((Get-Date) - $T0).TotalSeconds)
Check "installed size within budget" ($InstalledBytes -le 130MB)
Check "setup size within budget" ($SetupBytes -le 80MB)
if ($Fails.Count -gt 0) {
    Write-Host ""; Write-Host "build.ps1: $($Fails.Count) check(s) FAILED:"
    $Fails | ForEach-Object { Write-Host "  - $_" }
    exit 1
}
Write-Host ""; Write-Host "build.ps1: all checks passed; setup at $Setup"
