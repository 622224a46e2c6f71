using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using static OfflineData.Module.Tests.PowerShellHost.ScriptArguments;
using Xunit;

namespace OfflineData.Module.Tests.Conversion
{
    /// <summary>Read-OfflineDataFile and Write-OfflineDataFile from the assembled module, in pipelines.</summary>
    public sealed class ReadWriteOfflineDataFileTests : IDisposable
    {
        private const string ReadCommand = "OfflineData.Commands.ReadOfflineDataFileCommand";
        private const string WriteCommand = "OfflineData.Commands.WriteOfflineDataFileCommand";

        private const string Header = "Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2;Var1;Var2;Var3;Var4;Var5;EventName Attr1;EventName Attr2;EventName Attr3;EventName Attr4;EventName Attr5;EventName Attr6;EventName Attr7;EventName Attr8;EventName Attr9;EventName Attr10";

        private static readonly string File1 = Header + "\n"
            + "2024-05-25 12:25:43;C1;7;CAT;SKU-1;2;999.50;Malmö;;;;;red;;;;;;;;;;PUR-1;\"a;b\"\n"
            + "2024-05-25 12:26:00;C2;7;;SKU-2;1;1500.00\n"
            + "2024-05-25 12:27:00;C3;7;;SKU-3;1;1,5\n"                       // line 4: invalid number
            + "2024-05-25 12:28:00;C4;12;;\"Call \"\"billing\"\"\nsecond line\";3;2500;Göteborg\n"
            + "2024-05-25 12:29:00;C5;7;;SKU-5;1;10\n";

        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory dir = new TestDirectory();

        [Fact]
        public void Read_streams_typed_records_and_turns_invalid_rows_into_errors_without_stopping()
        {
            var file = dir.WriteText("a.csv", File1);
            var result = session.Invoke("param($File) Read-OfflineDataFile -Path $File", Args(("File", file)));

            Assert.Equal(4, result.Output.Count);
            var first = result.Output[0].Properties;
            Assert.Equal(new DateTime(2024, 5, 25, 12, 25, 43), first["Timestamp"].Value);
            Assert.Equal(7, first["EventType"].Value);
            Assert.Equal(999.50m, first["Num2"].Value);
            Assert.Equal(new[] { "PUR-1", "a;b" }, ((System.Collections.IEnumerable)first["TransactionAttributes"].Value).Cast<string>());
            Assert.Equal(2L, first["Line"].Value);
            Assert.Equal(file, first["Path"].Value);
            Assert.Equal(new[] { "C1", "C2", "C4", "C5" }, result.Output.Select(o => (string)o.Properties["CustomerId"].Value));
            Assert.Equal("Call \"billing\"\nsecond line", result.Output[2].Properties["EventName"].Value);
            Assert.Equal(7L, result.Output[3].Properties["Line"].Value);

            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidNumber," + ReadCommand, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            var finding = PSObject.AsPSObject(error.TargetObject).Properties;
            Assert.Equal(4L, finding["Line"].Value);
            Assert.Equal("1,5", finding["RawValue"].Value);
        }

        [Fact]
        public void Read_Where_Write_keeps_the_filtered_rows_in_a_valid_file()
        {
            dir.WriteText("a.csv", File1);
            session.SetLocation(dir.FullPath);
            var result = session.Invoke(
                "Read-OfflineDataFile a.csv -ErrorAction SilentlyContinue | Where-Object { $_.Num2 -gt 1000 } | Write-OfflineDataFile b.csv; " +
                "Test-OfflineDataFile b.csv; Read-OfflineDataFile b.csv");
            Assert.Null(result.TerminatingError);
            var report = result.Output[0].Properties;
            Assert.True((bool)report["IsValid"].Value);
            Assert.Equal(2L, report["RowCount"].Value);
            Assert.Equal(new[] { "C2", "C4" }, result.Output.Skip(1).Select(o => (string)o.Properties["CustomerId"].Value));
        }

        [Fact]
        public void Round_trip_reproduces_every_valid_row_field_for_field()
        {
            dir.WriteText("a.csv", File1);
            session.SetLocation(dir.FullPath);
            var result = session.Invoke(
                "Read-OfflineDataFile a.csv -ErrorAction SilentlyContinue | Write-OfflineDataFile b.zip; " +
                "$a = @(Read-OfflineDataFile a.csv -ErrorAction SilentlyContinue); $b = @(Read-OfflineDataFile b.zip); " +
                "$b.Count; " +
                "$names = 'Timestamp','CustomerId','EventType','Category','EventName','Num1','Num2','Var1','Var2','Var3','Var4','Var5','EventNameAttr1','EventNameAttr2','EventNameAttr3','EventNameAttr4','EventNameAttr5','EventNameAttr6','EventNameAttr7','EventNameAttr8','EventNameAttr9','EventNameAttr10'; " +
                "for ($i = 0; $i -lt $a.Count; $i++) { foreach ($n in $names) { if ([string]$a[$i].$n -cne [string]$b[$i].$n) { \"row $i $n differs: '$($a[$i].$n)' vs '$($b[$i].$n)'\" } }; " +
                "  if (($a[$i].TransactionAttributes -join '|') -cne ($b[$i].TransactionAttributes -join '|')) { \"row $i attributes differ\" }; " +
                "  if ($a[$i].Num2.ToString([cultureinfo]::InvariantCulture) -cne $b[$i].Num2.ToString([cultureinfo]::InvariantCulture)) { \"row $i Num2 scale differs\" } }");
            Assert.Null(result.TerminatingError);
            Assert.Empty(result.Errors);
            Assert.Equal(4, result.Output[0].BaseObject);
            Assert.Equal(new object[] { 4 }, result.Output.Select(o => o.BaseObject).ToArray());
        }

        [Fact]
        public void Write_takes_pscustomobject_rows_and_reports_bad_ones_with_the_object_as_target()
        {
            session.SetLocation(dir.FullPath);
            var result = session.Invoke(
                "@( [pscustomobject]@{ Timestamp = '2024-05-25 12:00:00'; CustomerId = 'C1'; EventType = '7'; EventName = 'SKU'; Num1 = '1'; Num2 = '12.50'; 'Time Stamp' = $null; TransactionAttr1 = 'PUR-9' }, " +
                "   [pscustomobject]@{ Timestamp = [datetime]'2024-05-25 13:00:00'; CustomerId = 'C2'; EventType = 7; EventName = 'SKU'; Num1 = 2; Num2 = 3.25; Var1 = 'Malmö' }, " +
                "   [pscustomobject]@{ Timestamp = '2024-05-25 14:00:00'; CustomerId = 'C3'; EventType = 7; EventName = 'SKU'; Num1 = 1; Num2 = '12x50' }, " +
                "   @{ 'Time Stamp' = '2024-05-25 15:00:00'; 'Customer ID' = 'C4'; 'Event Type' = 7; 'Event Name' = 'SKU'; Num1 = 1; Num2 = 1 } " +
                ") | Write-OfflineDataFile out.csv -PassThru");

            Assert.Null(result.TerminatingError);
            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidNumber," + WriteCommand, error.FullyQualifiedErrorId);
            Assert.Equal("C3", PSObject.AsPSObject(error.TargetObject).Properties["CustomerId"].Value);
            Assert.IsType<FileInfo>(Assert.Single(result.Output).BaseObject);
            Assert.Contains(result.Warnings, w => w.Message.Contains("1 of 4 input object(s)"));
            var lines = File.ReadAllText(dir.Combine("out.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(new[]
            {
                Header + ";EventTransaction Attr1", // the header names the attribute column C1 carries
                "2024-05-25 12:00:00;C1;7;;SKU;1;12.50;;;;;;;;;;;;;;;;PUR-9",
                "2024-05-25 13:00:00;C2;7;;SKU;2;3.25;Malmö",
                "2024-05-25 15:00:00;C4;7;;SKU;1;1",
            }, lines);
        }

        [Fact]
        public void Write_skips_properties_that_cannot_be_read_and_writes_the_row()
        {
            session.SetLocation(dir.FullPath);
            var result = session.Invoke(
                "$o = [pscustomobject]@{ Timestamp = '2024-05-25 12:00:00'; CustomerId = 'C1'; EventType = 7; EventName = 'SKU'; Num1 = 1; Num2 = 1 }; " +
                "$o.psobject.Properties.Add([psscriptproperty]::new('Broken', { throw 'no value' })); " +
                "$o.psobject.Properties.Add([psscriptproperty]::new('WriteOnly', $null, { })); " +
                "$o | Write-OfflineDataFile out.csv").ThrowIfFailed();

            Assert.Empty(result.Errors);
            var lines = File.ReadAllText(dir.Combine("out.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(new[] { Header, "2024-05-25 12:00:00;C1;7;;SKU;1;1" }, lines);
        }

        [Fact]
        public void Write_refuses_an_existing_file_without_Force_and_WhatIf_writes_nothing()
        {
            var existing = dir.WriteText("out.csv", "precious");
            session.SetLocation(dir.FullPath);
            const string Row = "[pscustomobject]@{ Timestamp = '2024-05-25 12:00:00'; CustomerId = 'C1'; EventType = 7; EventName = 'SKU'; Num1 = 1; Num2 = 1 }";
            var refused = session.Invoke(Row + " | Write-OfflineDataFile out.csv");
            Assert.Equal("DestinationExists," + WriteCommand, Assert.Single(refused.Errors).FullyQualifiedErrorId);
            Assert.Equal("precious", File.ReadAllText(existing));

            var whatIf = session.Invoke(Row + " | Write-OfflineDataFile new.csv -WhatIf").ThrowIfFailed();
            Assert.False(File.Exists(dir.Combine("new.csv")));

            session.Invoke(Row + " | Write-OfflineDataFile out.csv -Force").ThrowIfFailed();
            Assert.StartsWith(Header, File.ReadAllText(existing));
        }

        [Fact]
        public void A_pipeline_that_fails_midway_leaves_no_file_behind()
        {
            session.SetLocation(dir.FullPath);
            var result = session.Invoke(
                "1..5 | ForEach-Object { if ($_ -eq 4) { throw 'export broke' }; [pscustomobject]@{ Timestamp = '2024-05-25 12:00:00'; CustomerId = \"C$_\"; EventType = 7; EventName = 'SKU'; Num1 = 1; Num2 = 1 } } | Write-OfflineDataFile out.csv");
            Assert.True(result.TerminatingError != null || result.Errors.Count > 0);
            Assert.Empty(Directory.GetFiles(dir.FullPath));
        }

        [Fact]
        public void InputObject_given_as_a_collection_writes_each_item()
        {
            dir.WriteText("a.csv", File1);
            session.SetLocation(dir.FullPath);
            var result = session.Invoke(
                "$rows = Read-OfflineDataFile a.csv -ErrorAction SilentlyContinue; Write-OfflineDataFile -LiteralPath b.csv -InputObject $rows -NoHeader; Read-OfflineDataFile b.csv -Header Absent").ThrowIfFailed();
            Assert.Equal(new[] { "C1", "C2", "C4", "C5" }, result.Output.Select(o => (string)o.Properties["CustomerId"].Value));
            Assert.StartsWith("2024-05-25 12:25:43;C1;", File.ReadAllText(dir.Combine("b.csv")));
        }

        [Fact]
        public void A_record_emptied_in_the_pipeline_is_reported_not_written()
        {
            dir.WriteText("a.csv", File1);
            session.SetLocation(dir.FullPath);
            var result = session.Invoke(
                "Read-OfflineDataFile a.csv -ErrorAction SilentlyContinue | ForEach-Object { if ($_.CustomerId -eq 'C2') { $_.CustomerId = '' }; $_ } | Write-OfflineDataFile b.csv -WarningAction SilentlyContinue; Test-OfflineDataFile b.csv");
            Assert.Equal("EmptyMandatoryValue," + WriteCommand, Assert.Single(result.Errors).FullyQualifiedErrorId);
            var report = Assert.Single(result.Output).Properties;
            Assert.True((bool)report["IsValid"].Value);
            Assert.Equal(3L, report["RowCount"].Value);
        }

        [Fact]
        public void Nothing_valid_to_write_creates_no_file()
        {
            session.SetLocation(dir.FullPath);
            var result = session.Invoke("[pscustomobject]@{ CustomerId = 'C1' } | Write-OfflineDataFile out.csv");
            Assert.Equal(new[] { "EmptyMandatoryValue," + WriteCommand, "NoRowsWritten," + WriteCommand }, result.Errors.Select(e => e.FullyQualifiedErrorId));
            Assert.Empty(Directory.GetFiles(dir.FullPath));
        }

        [Fact]
        public void Read_names_the_zip_entry_of_every_record_and_Convert_reads_every_entry()
        {
            var zip = dir.Combine("day.zip");
            using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
            {
                foreach (var (name, customer) in new[] { ("morning.csv", "C1"), ("evening.csv", "C2") })
                {
                    using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                    writer.Write($"2024-05-25 12:00:00;{customer};7;;SKU;1;2.50\n");
                }
            }

            var read = session.Invoke("param($Zip) Read-OfflineDataFile $Zip | ForEach-Object { $_.Entry + ':' + $_.CustomerId + ':' + $_.Line }", Args(("Zip", zip))).ThrowIfFailed();
            Assert.Equal(new[] { "morning.csv:C1:1", "evening.csv:C2:1" }, read.Output.Select(o => (string)o.BaseObject));

            var converted = session.Invoke("param($Zip, $Out) Convert-OfflineDataFile $Zip $Out -Delimiter ';'", Args(("Zip", zip), ("Out", dir.Combine("day.csv")))).ThrowIfFailed();
            Assert.Equal(2L, converted.Output.Single().Properties["RowsWritten"].Value);
            Assert.Equal("Zip", converted.Output.Single().Properties["Container"].Value.ToString());
        }

        [Fact]
        public void Read_binds_paths_from_the_pipeline_and_reports_missing_ones()
        {
            var a = dir.WriteText("a.csv", File1);
            var result = session.Invoke(
                "param($Files) $Files | Read-OfflineDataFile -ErrorAction SilentlyContinue -ErrorVariable bad; $bad | ForEach-Object { $_.FullyQualifiedErrorId }",
                Args(("Files", new object[] { new FileInfo(a), dir.Combine("none.csv") })));
            Assert.Equal(4, result.Output.Count(o => o.BaseObject.GetType().Name == "OfflineDataRecord"));
            var ids = result.Output.Where(o => o.BaseObject is string).Select(o => (string)o.BaseObject).ToList();
            Assert.Contains("InvalidNumber," + ReadCommand, ids);
            Assert.Contains(ids, id => id.StartsWith("PathNotFound,", StringComparison.Ordinal));
        }

        [Fact]
        public void Read_writes_each_record_before_it_reads_the_next()
        {
            // 50,000 valid rows, then an invalid one: a reader that parsed ahead (or collected the rows first)
            // would report the last row's InvalidNumber before the first record reached ForEach-Object.
            var text = new System.Text.StringBuilder(Header + "\n");
            for (int i = 0; i < 50000; i++) text.Append("2024-05-25 12:00:00;C").Append(i).Append(";7;;SKU;1;2.50\n");
            text.Append("2024-05-25 12:00:00;CX;7;;SKU;1;1,5\n");
            var file = dir.WriteText("big.csv", text.ToString());

            var result = session.Invoke("param($File) Read-OfflineDataFile -Path $File | ForEach-Object { throw \"first record: line $($_.Line)\" }", Args(("File", file)));

            Assert.NotNull(result.TerminatingError);
            Assert.Equal("first record: line 2", result.TerminatingError!.Exception.Message);
            Assert.Empty(result.Errors);
        }

        [Fact]
        public void Write_stopped_midway_like_CtrlC_leaves_no_file()
        {
            var text = new System.Text.StringBuilder(Header + "\n");
            for (int i = 0; i < 400000; i++) text.Append("2024-05-25 12:00:00;C").Append(i).Append(";7;;SKU;1;2.50\n");
            dir.WriteText("big.csv", text.ToString());
            var outFolder = dir.CreateDirectory("out");
            session.SetLocation(dir.FullPath);

            var result = session.InvokeAndStopWhen(
                "Read-OfflineDataFile big.csv | Write-OfflineDataFile out/b.csv",
                null,
                () => TestDirectory.AnyFileHasData(outFolder, ".b.csv.*.tmp"),
                out bool stopped);

            Assert.True(stopped, "The pipeline was not stopped midway (it finished first, or did not stop).");
            Assert.Empty(Directory.GetFiles(outFolder));
        }

        public void Dispose()
        {
            session.Dispose();
            dir.Dispose();
        }
    }
}
