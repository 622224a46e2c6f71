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
        [InlineData("Convert-OfflineDataFile -LiteralPath $Source -Destination $Destination -Encoding nope", "Encoding", "'nope'", "windows-1252")]
        [InlineData("Convert-OfflineDataFile -LiteralPath $Source -Destination $Destination -Encoding ' '", "Encoding", "empty name", "windows-1252")]
        [InlineData("Convert-OfflineDataFile -LiteralPath $Source -Destination $Destination -SourceTimeZone Nowhere/Land", "SourceTimeZone", "'Nowhere/Land'", "Europe/Stockholm")]
        [InlineData("Convert-OfflineDataFile -LiteralPath $Source -Destination $Destination -TargetTimeZone ''", "TargetTimeZone", "empty ID", "Europe/Stockholm")]
        [InlineData("Convert-OfflineDataFile -LiteralPath $Source -Destination $Destination -Delimiter '::'", "Delimiter", "'::'", "'|'")]
        [InlineData("Convert-OfflineDataFile -LiteralPath $Source -Destination $Destination -Delimiter '\"'", "Delimiter", "is not a delimiter", "`t")]
        [InlineData("Import-OfflineData -LiteralPath $Source -ReportSuite acme.prod -Store $Store -TransactionIdColumn Nope -WhatIf", "TransactionIdColumn", "'Nope'", "EventTransaction Attr1")]
        [InlineData("Import-OfflineData -LiteralPath $Source -ReportSuite acme.prod -Store $Store -TransactionIdColumn 1 -WhatIf", "TransactionIdColumn", "'Time Stamp'", "EventTransaction Attr1")]
        [InlineData("Read-OfflineDataFile -LiteralPath $Source -TransactionId T1 -TransactionIdColumn Num2", "TransactionIdColumn", "'Num2'", "EventTransaction Attr1")]
        public void A_bad_argument_is_a_parameter_binding_error_naming_the_parameter_and_the_allowed_values(string command, string parameter, string value, string allowed)
        {
            var source = dir.WriteText("in.csv", Simple);
            var result = session.Invoke("param($Source, $Destination, $Store) " + command,
                ScriptArguments.Args(("Source", source), ("Destination", dir.Combine("out.csv")), ("Store", dir.Combine("s.db"))));

            // PowerShell's own shape for a value its parameter cannot take: nothing ran, nothing was written.
            var error = OnlyError(result);
            Assert.StartsWith("ParameterArgumentTransformationError,", error.FullyQualifiedErrorId);
            var binding = Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
            Assert.Equal(parameter, binding.ParameterName);
            Assert.Contains($"parameter '{parameter}'", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains(value, error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains(allowed, error.Exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("(Parameter '", error.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(result.Output);
            Assert.False(File.Exists(dir.Combine("out.csv")));
            Assert.False(File.Exists(dir.Combine("s.db")));
        }

        [Fact]
        public void A_target_time_zone_without_a_source_one_names_the_value_and_no_dotnet_parameter()
        {
            // A check of two parameters together stays the cmdlet's own InvalidArgument error, with the value as target.
            var source = dir.WriteText("in.csv", Simple);
            var result = session.Invoke("param($Source, $Destination) Convert-OfflineDataFile -LiteralPath $Source -Destination $Destination -TargetTimeZone UTC",
                ScriptArguments.Args(("Source", source), ("Destination", dir.Combine("out.csv"))));

            var error = OnlyError(result);
            Assert.Equal("InvalidArgument,OfflineData.Commands.ConvertOfflineDataFileCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("UTC", error.TargetObject);
            Assert.DoesNotContain("(Parameter '", error.Exception.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("-Delimiter tab", "\t")]
        [InlineData("-Delimiter '`t'", "\t")]
        [InlineData("-Delimiter \"`t\"", "\t")]
        [InlineData("-Delimiter ','", ",")]
        [InlineData("-Encoding 1252 -Delimiter ','", ",")]
        [InlineData("-SourceTimeZone Europe/Stockholm -TargetTimeZone UTC -Delimiter ','", ",")]
        public void Good_arguments_still_bind(string arguments, string delimiter)
        {
            var source = dir.WriteText("in.csv", Simple.Replace(",", delimiter == "\t" ? "\t" : delimiter));
            var result = session.Invoke("param($Source, $Destination) Convert-OfflineDataFile -LiteralPath $Source -Destination $Destination " + arguments,
                ScriptArguments.Args(("Source", source), ("Destination", dir.Combine("out.csv")))).ThrowIfFailed();

            Assert.Equal(1, System.Convert.ToInt32(Assert.Single(result.Output).Properties["RowsWritten"].Value, System.Globalization.CultureInfo.InvariantCulture));
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
