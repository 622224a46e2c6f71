using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Module
{
    /// <summary>
    /// Error records a user sees: the bad value as target, no .NET parameter names in the message, a directory
    /// called a directory, and no "see" pointing at a file -WhatIf did not write.
    /// </summary>
    public sealed class ErrorMessageTests : IDisposable
    {
        private const string Simple = "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,C1,7,SKU1,2,10.5\n";

        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory dir = new TestDirectory();

        [Theory]
        [InlineData("-Encoding nope", "nope", "InvalidArgument")]
        [InlineData("-Encoding ' '", " ", "InvalidArgument")]
        [InlineData("-SourceTimeZone Nowhere/Land", "Nowhere/Land", "InvalidArgument")]
        [InlineData("-TargetTimeZone UTC", "UTC", "InvalidArgument")]
        [InlineData("-Delimiter '::'", "::", "InvalidArgument")]
        public void A_bad_Convert_argument_names_the_value_and_no_dotnet_parameter(string argument, string value, string errorId)
        {
            var source = dir.WriteText("in.csv", Simple);
            var result = session.Invoke("param($Source, $Destination) Convert-OfflineDataFile -LiteralPath $Source -Destination $Destination " + argument,
                ScriptArguments.Args(("Source", source), ("Destination", dir.Combine("out.csv"))));

            var error = OnlyError(result);
            Assert.Equal(errorId + ",OfflineData.Commands.ConvertOfflineDataFileCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(value, error.TargetObject);
            Assert.DoesNotContain("(Parameter '", error.Exception.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Nope")]
        [InlineData("1")]
        public void A_bad_TransactionIdColumn_names_the_value_and_no_dotnet_parameter(string column)
        {
            var source = dir.WriteText("in.csv", "2024-05-25 12:00:00;C1;7;;SKU1;2;10.5\n");
            var result = session.Invoke("param($Source, $Store, $Column) Import-OfflineData -LiteralPath $Source -ReportSuite acme.prod -Store $Store -TransactionIdColumn $Column -WhatIf",
                ScriptArguments.Args(("Source", source), ("Store", dir.Combine("s.db")), ("Column", column)));

            var error = OnlyError(result);
            Assert.Equal("InvalidTransactionIdColumn,OfflineData.Commands.ImportOfflineDataCommand", error.FullyQualifiedErrorId);
            Assert.Equal(column, error.TargetObject);
            Assert.DoesNotContain("(Parameter '", error.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Writing_to_a_directory_says_it_is_a_directory_even_with_Force()
        {
            var folder = dir.CreateDirectory("out.csv");
            var result = session.Invoke("param($Out) [pscustomobject]@{ Timestamp = '2024-05-25 12:00:00'; CustomerId = 'C1'; EventType = 7; EventName = 'X'; Num1 = 1; Num2 = 2 } | Write-OfflineDataFile -LiteralPath $Out -Force",
                ScriptArguments.Args(("Out", folder)));

            var error = OnlyError(result);
            Assert.Equal("DestinationIsDirectory,OfflineData.Commands.WriteOfflineDataFileCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(folder, error.TargetObject);
            Assert.Contains("is a directory", error.Exception.Message, StringComparison.Ordinal);
            Assert.True(Directory.Exists(folder));
        }

        [Fact]
        public void Convert_to_a_reject_path_that_is_a_directory_says_so()
        {
            var source = dir.WriteText("in.csv", Simple + "bad,C2,7,SKU2,1,1\n");
            var rejects = dir.CreateDirectory("out.rejects.csv");
            var result = session.Invoke("param($Source, $Destination) Convert-OfflineDataFile -LiteralPath $Source -Destination $Destination -Force",
                ScriptArguments.Args(("Source", source), ("Destination", dir.Combine("out.csv"))));

            var error = Assert.Single(result.Errors);
            Assert.Equal("DestinationIsDirectory,OfflineData.Commands.ConvertOfflineDataFileCommand", error.FullyQualifiedErrorId);
            Assert.Equal(rejects, error.TargetObject);
        }

        [Fact]
        public void WhatIf_with_every_row_rejected_does_not_point_at_a_reject_file_it_did_not_write()
        {
            var source = dir.WriteText("in.csv", "Timestamp,CustomerId,EventType,EventName,Num1,Num2\nbad,C1,7,SKU1,2,10.5\n");
            var result = session.Invoke("param($Source, $Destination) Convert-OfflineDataFile -LiteralPath $Source -Destination $Destination -WhatIf",
                ScriptArguments.Args(("Source", source), ("Destination", dir.Combine("out.csv"))));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("NoRowsConverted", error.FullyQualifiedErrorId);
            Assert.DoesNotContain("(see '", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("a real run would write them to", error.Exception.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(dir.Combine("out.rejects.csv")));
        }

        [Fact]
        public void A_failed_import_message_has_no_double_period()
        {
            // UTF-16 text fails the whole file (UnsupportedEncoding); the finding's message already ends with a period.
            var source = dir.WriteBytes("utf16.csv", System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes("2024-05-25 12:00:00;C1;7;;SKU1;2;10.5\n")).ToArray());
            var result = session.Invoke("param($Source, $Store) Import-OfflineData -LiteralPath $Source -ReportSuite acme.prod -Store $Store",
                ScriptArguments.Args(("Source", source), ("Store", dir.Combine("s.db"))));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ImportFailed", error.FullyQualifiedErrorId);
            Assert.Contains("UnsupportedEncoding", error.Exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("..", error.Exception.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Test-OfflineDataFile -LiteralPath $Bad", "InvalidPath")]
        [InlineData("Get-OfflineData -Store $Bad", "InvalidPath")]
        [InlineData("Import-OfflineData -LiteralPath $Good -ReportSuite acme.prod -Store $Bad", "InvalidPath")]
        [InlineData("Import-OfflineData -LiteralPath $Good -ReportSuite acme.prod -Store $Store -RejectPath $Bad", "InvalidRejectPath")]
        [InlineData("Convert-OfflineDataFile -LiteralPath $Good -Destination $Bad", "InvalidPath")]
        [InlineData("Convert-OfflineDataFile -LiteralPath $Good -Destination $Out -RejectPath $Bad", "InvalidPath")]
        [InlineData("@{ Timestamp = '2024-05-25 12:00:00'; CustomerId = 'C1'; EventType = 7; EventName = 'X'; Num1 = 1; Num2 = 2 } | Write-OfflineDataFile -LiteralPath $Bad", "InvalidPath")]
        public void A_path_with_a_NUL_character_is_one_clean_error(string command, string errorId)
        {
            var good = dir.WriteText("in.csv", Simple);
            var result = session.Invoke("param($Bad, $Good, $Store, $Out) " + command,
                ScriptArguments.Args(("Bad", "bad\0name.csv"), ("Good", good), ("Store", dir.Combine("s.db")), ("Out", dir.Combine("out.csv"))));

            var error = OnlyError(result);
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("bad`0name.csv", error.Exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("(Parameter '", error.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_path_of_another_provider_is_named_with_its_provider_in_plain_english()
        {
            var result = session.Invoke("Test-OfflineDataFile -LiteralPath Env:PATH");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("NotFileSystemPath", error.FullyQualifiedErrorId);
            Assert.DoesNotContain("a Environment", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("Environment provider", error.Exception.Message, StringComparison.Ordinal);
        }

        /// <summary>A cmdlet's terminating error ends only its statement in a script, so it arrives with the other errors.</summary>
        private static ErrorRecord OnlyError(InvocationResult result) => result.TerminatingError ?? Assert.Single(result.Errors);

        public void Dispose()
        {
            session.Dispose();
            dir.Dispose();
        }
    }
}
