using System;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using static OfflineData.Module.Tests.PowerShellHost.ScriptArguments;
using Xunit;

namespace OfflineData.Module.Tests.Conversion
{
    /// <summary>Read-OfflineDataFile's filter-left parameters, as a pwsh user calls them.</summary>
    public sealed class ReadFilterTests : IDisposable
    {
        private const string File =
            "2024-05-25 09:59:59;CUST-1;7;;SKU1;1;10;;;;;;;;;;;;;;;;ORD-100\n" +
            "2024-05-25 10:00:00;CUST-2;2;;SKU2;1;10;;;;;;;;;;;;;;;;ORD-200;POS-9\n" +
            "2024-05-25 10:30:00;cust-3;7;;SKU3;1;10\n" +
            "2024-05-25 10:40:00;CUST-4;7;;SKU4;1;1,5;;;;;;;;;;;;;;;;ORD-101\n" +   // line 4: invalid number
            "2024-05-25 11:00:00;CUST-[5];12;;SKU5;1;10;;;;;;;;;;;;;;;;ORD-101\n" +
            "2024-05-25 11:00:01;CUST-6;7;;SKU6;1;10;;;;;;;;;;;;;;;;ord-102\n";

        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory dir = new TestDirectory();

        [Theory]
        [InlineData("-From '2024-05-25 10:00:00' -To '2024-05-25 11:00:00'", "CUST-2,cust-3,CUST-[5]")]
        [InlineData("-From '2024-05-25 10:00:00.5'", "cust-3,CUST-[5],CUST-6")]
        [InlineData("-To '2024-05-25 10:00:00'", "CUST-1,CUST-2")]
        [InlineData("-From ([DateTimeOffset]'2024-05-25 11:00:00')", "CUST-[5],CUST-6")]
        [InlineData("-EventType 7", "CUST-1,cust-3,CUST-6")]
        [InlineData("-EventType 2, 12", "CUST-2,CUST-[5]")]
        [InlineData("-CustomerId CUST-2", "CUST-2")]
        [InlineData("-CustomerId 'CUST-*'", "CUST-1,CUST-2,CUST-[5],CUST-6")]       // case-sensitive: not cust-3
        [InlineData("-CustomerId 'CUST-`[5`]'", "CUST-[5]")]                       // escaped wildcard characters
        [InlineData("-CustomerId 'CUST-1', 'cust-?'", "CUST-1,cust-3")]
        [InlineData("-TransactionId ORD-101", "CUST-[5]")]
        [InlineData("-TransactionId 'ORD-1*'", "CUST-1,CUST-[5]")]                 // case-sensitive: not ord-102
        [InlineData("-TransactionId POS-9 -TransactionIdColumn 24", "CUST-2")]
        [InlineData("-TransactionId 'POS-*' -TransactionIdColumn 'EventTransaction Attr2'", "CUST-2")]
        [InlineData("-EventType 7 -From '2024-05-25 10:00:00' -CustomerId 'CUST-*'", "CUST-6")]
        [InlineData("-CustomerId NOBODY", "")]
        [InlineData("-From '2030-01-01'", "")]
        public void Each_filter_selects_the_rows_it_names_and_still_reports_every_invalid_row(string filter, string expected)
        {
            var file = dir.WriteText("day.csv", File);
            var result = session.Invoke("param($File) Read-OfflineDataFile -LiteralPath $File " + filter, Args(("File", file)));

            Assert.Null(result.TerminatingError);
            Assert.Equal(expected, string.Join(",", result.Output.Select(o => (string)o.Properties["CustomerId"].Value)));

            // A filter never hides a broken row: line 4 is an error whatever the filter, even one it would not match.
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidNumber,", error.FullyQualifiedErrorId);
            Assert.Equal(4L, new PSObject(error.TargetObject).Properties["Line"].Value);
        }

        [Theory]
        [InlineData("-EventType 7", "{ $_.EventType -eq 7 }")]
        [InlineData("-CustomerId 'CUST-*'", "{ $_.CustomerId -clike 'CUST-*' }")]
        [InlineData("-From '2024-05-25 10:00:00' -To '2024-05-25 11:00:00'", "{ $_.Timestamp -ge [datetime]'2024-05-25 10:00:00' -and $_.Timestamp -le [datetime]'2024-05-25 11:00:00' }")]
        public void Filtering_left_gives_the_records_Where_Object_gives(string filter, string where)
        {
            var file = dir.WriteText("day.csv", File);
            var left = session.Invoke("param($File) Read-OfflineDataFile -LiteralPath $File " + filter, Args(("File", file)));
            var right = session.Invoke("param($File) Read-OfflineDataFile -LiteralPath $File | Where-Object " + where, Args(("File", file)));

            Assert.NotEmpty(left.Output);
            Assert.Equal(right.Output.Select(o => o.BaseObject.ToString() + "@" + o.Properties["Line"].Value), left.Output.Select(o => o.BaseObject.ToString() + "@" + o.Properties["Line"].Value));
        }

        [Fact]
        public void A_From_later_than_To_stops_before_reading()
        {
            var file = dir.WriteText("day.csv", File);
            var result = session.Invoke("param($File) Read-OfflineDataFile -LiteralPath $File -From '2024-05-26' -To '2024-05-25'", Args(("File", file)));

            var error = result.TerminatingError ?? Assert.Single(result.Errors);
            Assert.StartsWith("InvalidTimeRange,", error.FullyQualifiedErrorId);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void The_verbose_message_counts_the_rows_the_filter_left_out()
        {
            var file = dir.WriteText("day.csv", File);
            var result = session.Invoke("param($File) Read-OfflineDataFile -LiteralPath $File -EventType 12 -Verbose 2>$null", Args(("File", file)));

            Assert.Contains(result.Verbose, v => v.Message.EndsWith("6 row(s), 1 written to the pipeline, 1 invalid, 4 valid row(s) not matching the filter.", StringComparison.Ordinal));
        }

        [Fact]
        public void Negative_event_types_are_a_parameter_error()
        {
            var file = dir.WriteText("day.csv", File);
            var result = session.Invoke("param($File) Read-OfflineDataFile -LiteralPath $File -EventType -1", Args(("File", file)));

            var error = result.TerminatingError ?? Assert.Single(result.Errors);
            Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            session.Dispose();
            dir.Dispose();
        }
    }
}
