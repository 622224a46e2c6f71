using System.Linq;

namespace OfflineData.Core.Tests.Infrastructure
{
    /// <summary>Builds rows of the offline data format for tests.</summary>
    public static class Rows
    {
        public const string Header = "Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2;Var1;Var2;Var3;Var4;Var5;EventName Attr1;EventName Attr2;EventName Attr3;EventName Attr4;EventName Attr5;EventName Attr6;EventName Attr7;EventName Attr8;EventName Attr9;EventName Attr10";

        /// <summary>A valid purchase row with the 7 mandatory fields.</summary>
        public static string Valid(int n = 1) => $"2024-05-25 12:25:{n % 60:00};C{n:0000};7;CAT1;SKU-{n};2;{n}.50";

        /// <summary>A valid row with all 22 named columns and some transaction attributes.</summary>
        public static string Full(int n, params string[] transactionAttributes)
        {
            var named = new[] { $"2024-05-25 12:25:{n % 60:00}", $"C{n}", "7", "CAT", $"SKU-{n}", "1", "9.99", "Stockholm", "BU1", "", "", "", "red", "", "", "", "", "", "", "", "", "" };
            return string.Join(";", named.Concat(transactionAttributes));
        }

        public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";
    }
}
