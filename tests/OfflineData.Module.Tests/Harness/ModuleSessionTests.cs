using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Harness
{
    /// <summary>The hosted session reports each stream separately and tells non-terminating from terminating errors.</summary>
    public sealed class ModuleSessionTests : IDisposable
    {
        // An advanced function writes to every stream through $PSCmdlet, as a cmdlet does
        // (Write-Warning and friends live in Microsoft.PowerShell.Utility, which this host lacks).
        private const string EveryStream = @"
            function Write-EveryStream {
                [CmdletBinding()] param()
                $PSCmdlet.WriteObject('out')
                $PSCmdlet.WriteWarning('warn')
                $PSCmdlet.WriteVerbose('verb')
                $PSCmdlet.WriteDebug('dbg')
                $PSCmdlet.WriteInformation('info', [string[]]@())
                $PSCmdlet.WriteProgress([System.Management.Automation.ProgressRecord]::new(1, 'act', 'status'))
            }
            Write-EveryStream -Verbose";

        private readonly ModuleSession _session = new ModuleSession();

        [Fact]
        public void Each_stream_is_collected_on_its_own()
        {
            var result = _session.Invoke("$DebugPreference = 'Continue'" + EveryStream);

            Assert.True(result.Succeeded, result.DescribeErrors());
            Assert.Equal("out", Assert.Single(result.Output).BaseObject);
            Assert.Equal("warn", Assert.Single(result.Warnings).Message);
            Assert.Equal("verb", Assert.Single(result.Verbose).Message);
            Assert.Equal("dbg", Assert.Single(result.Debug).Message);
            Assert.Equal("info", Assert.Single(result.Information).MessageData);
            Assert.Equal("act", Assert.Single(result.Progress).Activity);
        }

        [Fact]
        public void A_non_terminating_error_is_in_Errors_and_the_script_goes_on()
        {
            var result = _session.Invoke("Get-Command -Name No-SuchCommand; 'after'");

            Assert.Null(result.TerminatingError);
            Assert.False(result.Succeeded);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("CommandNotFoundException", error.FullyQualifiedErrorId);
            Assert.Equal("after", Assert.Single(result.Output).BaseObject);
            Assert.Throws<InvalidOperationException>(() => result.ThrowIfFailed());
        }

        [Fact]
        public void A_terminating_error_is_returned_with_the_output_written_before_it()
        {
            var result = _session.Invoke("'before'; throw 'boom'; 'after'");

            Assert.NotNull(result.TerminatingError);
            Assert.Equal("boom", result.TerminatingError!.Exception.Message);
            Assert.Empty(result.Errors);
            Assert.Equal("before", Assert.Single(result.Output).BaseObject);
            var thrown = Assert.Throws<InvalidOperationException>(() => result.ThrowIfFailed());
            Assert.Contains("boom", thrown.Message);
        }

        [Fact]
        public void ErrorAction_Stop_turns_an_error_into_the_terminating_error_with_its_id()
        {
            var result = _session.Invoke("Get-Command -Name No-SuchCommand -ErrorAction Stop; 'after'");

            Assert.NotNull(result.TerminatingError);
            Assert.StartsWith("CommandNotFoundException", result.TerminatingError!.FullyQualifiedErrorId);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void Parameters_reach_the_script_unchanged()
        {
            var file = new FileInfo(Path.Combine(Path.GetTempPath(), "x.csv"));

            var result = _session.Invoke("param($File, $Names) $File.GetType().FullName; $Names.Count", new Hashtable { ["File"] = file, ["Names"] = new[] { "a", "b" } });

            Assert.Equal(new object[] { typeof(FileInfo).FullName!, 2 }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void SetLocation_makes_relative_paths_resolve_in_that_folder_without_moving_the_process()
        {
            using var folder = new TestDirectory();
            var processFolder = Environment.CurrentDirectory;

            _session.SetLocation(folder.FullPath);
            var result = _session.Invoke("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath('data.csv')").ThrowIfFailed();

            Assert.Equal(folder.FullPath, _session.CurrentLocation);
            Assert.Equal(folder.Combine("data.csv"), Assert.Single(result.Output).BaseObject);
            Assert.Equal(processFolder, Environment.CurrentDirectory);
        }

        [Fact]
        public void SetLocation_to_a_missing_folder_throws_naming_it()
        {
            var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));

            var thrown = Assert.Throws<ItemNotFoundException>(() => _session.SetLocation(missing));

            Assert.Contains(missing, thrown.Message);
        }

        [Fact]
        public void A_missing_module_fails_with_a_hint_to_build_not_a_null_reference()
        {
            var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "OfflineData.psd1");

            var thrown = Assert.Throws<InvalidOperationException>(() => new ModuleSession(missing));

            Assert.Contains(missing, thrown.Message);
            Assert.Contains("dotnet build", thrown.Message);
        }

        public void Dispose() => _session.Dispose();
    }
}
