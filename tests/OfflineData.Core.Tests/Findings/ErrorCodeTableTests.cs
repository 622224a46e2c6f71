using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using OfflineData.Core.Findings;
using Xunit;

namespace OfflineData.Core.Tests.Findings
{
    /// <summary>docs/errors.md is the one table of codes users look up: it must list every code, in number order, with its real severity.</summary>
    public class ErrorCodeTableTests
    {
        [Fact]
        public void DocsListEveryFindingCodeInNumberOrderWithItsSeverity()
        {
            var rows = Regex.Matches(File.ReadAllText(FindDocs()), @"^\| OD(\d{3}) \| `(\w+)` \| (Error|Warning) \|", RegexOptions.Multiline).Cast<Match>()
                .Select(m => (Number: int.Parse(m.Groups[1].Value), Name: m.Groups[2].Value, Severity: m.Groups[3].Value))
                .ToList();

            var expected = ((FindingCode[])Enum.GetValues(typeof(FindingCode)))
                .OrderBy(c => (int)c)
                .Select(c => (Number: (int)c, Name: c.ToString(), Severity: FindingCodeInfo.SeverityOf(c).ToString()))
                .ToList();
            Assert.Equal(expected, rows);
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
