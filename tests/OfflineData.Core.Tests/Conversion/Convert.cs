using System;
using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Conversion;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using OfflineData.Core.Writing;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    using Encoding = System.Text.Encoding;

    /// <summary>Runs a conversion in a temp folder and checks the output with the lead's validator.</summary>
    internal static class Convert
    {
        public static Encoding Windows1252
        {
            get
            {
                SourceEncodings.EnsureCodePagesRegistered();
                return Encoding.GetEncoding(1252);
            }
        }

        public static (ConversionResult Result, string Output) Run(TempDirectory dir, string sourceName, byte[] source, Action<ConversionOptions>? configure = null, string destinationName = "out.csv")
        {
            var src = dir.WriteBytes(sourceName, source);
            var dst = dir.Combine(destinationName);
            var options = new ConversionOptions();
            configure?.Invoke(options);
            var result = new OfflineDataConverter(options).Convert(src, dst);
            Assert.Equal(result.RowsRead, result.RowsWritten + result.RowsRejected);
            AssertValid(dst);
            var output = OfflineDataFileWriter.IsZipPath(dst) ? string.Empty : File.ReadAllText(dst, new UTF8Encoding(false));
            return (result, output);
        }

        public static (ConversionResult Result, string Output) Run(TempDirectory dir, string sourceName, string utf8Source, Action<ConversionOptions>? configure = null)
            => Run(dir, sourceName, new UTF8Encoding(false).GetBytes(utf8Source), configure);

        /// <summary>The output passes Test-OfflineDataFile's validator with zero errors.</summary>
        public static void AssertValid(string path)
        {
            var report = new OfflineDataValidator(new OfflineDataReaderOptions { Now = new DateTime(2100, 1, 1) }).Validate(path);
            Assert.True(report.ErrorCount == 0, "Converted output is invalid: " + string.Join(Environment.NewLine, report.Findings.Select(f => f.ToString())));
            Assert.True(report.RowCount > 0);
        }

        /// <summary>The data rows of an output with a header.</summary>
        public static string[] DataRows(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
    }
}
