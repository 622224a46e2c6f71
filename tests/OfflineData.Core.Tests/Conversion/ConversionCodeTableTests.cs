using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using OfflineData.Core.Conversion;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    /// <summary>docs/errors.md, "Conversion (4xx)", lists every reject code and every file failure, in number order, by their real names.</summary>
    public sealed class ConversionCodeTableTests
    {
        [Fact]
        public void DocsListEveryRejectReasonAndConversionFailureInNumberOrder()
        {
            var docs = File.ReadAllText(FindDocs());
            int section = docs.IndexOf("## Conversion (4xx)", StringComparison.Ordinal);
            Assert.True(section >= 0, "docs/errors.md has no 'Conversion (4xx)' section.");
            var rows = Regex.Matches(docs.Substring(section), @"^\| (4\d\d) \| (\w+) \|", RegexOptions.Multiline).Cast<Match>()
                .Select(m => (Number: int.Parse(m.Groups[1].Value), Name: m.Groups[2].Value))
                .ToList();

            var expected = ((ConversionRejectReason[])Enum.GetValues(typeof(ConversionRejectReason))).Select(r => ((int)r, r.ToString()))
                .Concat(((ConversionFailure[])Enum.GetValues(typeof(ConversionFailure))).Where(f => (int)f >= 400).Select(f => ((int)f, f.ToString())))
                .OrderBy(p => p.Item1)
                .ToList();
            Assert.Equal(expected, rows);
        }

        [Fact]
        public void ContainerFailuresAreTheContainerFindingCodesAndDocumentedAsSuch()
        {
            // Issue 8: one container layer, one set of codes. A container failure of Convert is the FindingCode of the
            // same name and number that Test-OfflineDataFile reports, listed in the conversion section as ODxxx.
            var docs = File.ReadAllText(FindDocs());
            var section = docs.Substring(docs.IndexOf("## Conversion (4xx)", StringComparison.Ordinal));
            var containerFailures = ((ConversionFailure[])Enum.GetValues(typeof(ConversionFailure))).Where(f => (int)f < 400).ToList();
            Assert.Equal(6, containerFailures.Count);
            foreach (var failure in containerFailures)
            {
                var code = (OfflineData.Core.Findings.FindingCode)(int)failure;
                Assert.Equal(failure.ToString(), code.ToString());
                Assert.Matches($@"\| OD{(int)failure} \| {failure} \|", section);
            }
        }

        private static string FindDocs()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "docs", "errors.md");
                if (File.Exists(candidate)) return candidate;
            }

            throw new FileNotFoundException("docs/errors.md not found above " + AppContext.BaseDirectory);
        }
    }
}
