using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Findings
{
    /// <summary>
    /// Text from a file quoted in a message (header cells, zip entry names, values) shows its control and invisible
    /// characters escaped, so a CR or LF cannot break the one-line message and a zero-width space is visible.
    /// </summary>
    public sealed class MessageEscapingTests
    {
        [Theory]
        [InlineData("a\rb", "a`rb")]
        [InlineData("a\nb\tc", "a`nb`tc")]
        [InlineData("\u200Bx", "`u{200B}x")]
        [InlineData("plain é ü 日本", "plain é ü 日本")]
        [InlineData("", "")]
        public void Escape_writes_control_and_format_characters_as_escapes(string value, string shown)
        {
            Assert.Equal(shown, DisplayText.Escape(value));
        }

        [Theory]
        [InlineData("It is bad.", "It is bad.")]
        [InlineData("It is bad", "It is bad.")]
        [InlineData("Is it? ", "Is it?")]
        public void EndSentence_ends_with_exactly_one_period(string text, string sentence)
        {
            Assert.Equal(sentence, DisplayText.EndSentence(text));
        }

        [Fact]
        public void A_header_cell_with_a_line_break_is_escaped_in_the_message()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", "\"Time\r\nStamp\";Customer ID;Event Type;Category;Event Name;Num1;Num2\n" + Rows.Valid(1) + "\n");

            var f = Scan.File(path).Single(FindingCode.HeaderMismatch);

            Assert.Contains("'Time`r`nStamp'", f.Message);
            Assert.DoesNotContain("\r", f.ToString());
            Assert.DoesNotContain("\n", f.ToString());
            Assert.Equal("Time\r\nStamp", f.RawValue); // the data itself is kept as it was
        }

        [Fact]
        public void A_zip_entry_name_with_a_line_break_is_escaped_in_the_location()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("day.zip", ("evil\r\nname.csv", Rows.Lines(Rows.Valid(1), "2024-05-25 12:25:02;C2;7;;SKU;1,5;2")));

            var f = Scan.File(path).Single(FindingCode.InvalidNumber);

            Assert.StartsWith(path + "!evil`r`nname.csv:2: error InvalidNumber", f.ToString());
            Assert.Equal("evil\r\nname.csv", f.Entry);
        }

        [Fact]
        public void A_value_with_a_zero_width_space_shows_it()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("v.csv", Rows.Lines(Rows.Valid(1), "2024-05-25 12:25:02;C2;7;;SKU;1\u200B;2"));

            var f = Scan.File(path).Single(FindingCode.InvalidNumber);

            Assert.Contains("'1`u{200B}'", f.Message);
        }
    }
}
