using System;

namespace OfflineData.Core.Format
{
    /// <summary>
    /// One data row of an offline data file, typed: what <c>Read-OfflineDataFile</c> streams,
    /// what <c>Write-OfflineDataFile</c> writes and what an import stores.
    /// </summary>
    public sealed class OfflineDataRecord
    {
        /// <summary>Column 1, Time Stamp: local time of the event, no time zone (as in the file).</summary>
        public DateTime Timestamp { get; set; }

        /// <summary>Column 2, Customer ID: the ID the website or app sends for this customer.</summary>
        public string CustomerId { get; set; } = string.Empty;

        /// <summary>Column 3, Event Type: an integer code; 7 is a purchase.</summary>
        public int EventType { get; set; }

        /// <summary>Column 4, Category: product category code (optional).</summary>
        public string? Category { get; set; }

        /// <summary>Column 5, Event Name: the product code.</summary>
        public string EventName { get; set; } = string.Empty;

        /// <summary>Column 6, Num1: purchase amount.</summary>
        public decimal Num1 { get; set; }

        /// <summary>Column 7, Num2: total sales (amount sold times unit price).</summary>
        public decimal Num2 { get; set; }

        /// <summary>Column 8, Var1 (optional).</summary>
        public string? Var1 { get; set; }

        /// <summary>Column 9, Var2 (optional).</summary>
        public string? Var2 { get; set; }

        /// <summary>Column 10, Var3 (optional).</summary>
        public string? Var3 { get; set; }

        /// <summary>Column 11, Var4 (optional).</summary>
        public string? Var4 { get; set; }

        /// <summary>Column 12, Var5 (optional).</summary>
        public string? Var5 { get; set; }

        /// <summary>Column 13, EventName Attr1 (optional).</summary>
        public string? EventNameAttr1 { get; set; }

        /// <summary>Column 14, EventName Attr2 (optional).</summary>
        public string? EventNameAttr2 { get; set; }

        /// <summary>Column 15, EventName Attr3 (optional).</summary>
        public string? EventNameAttr3 { get; set; }

        /// <summary>Column 16, EventName Attr4 (optional).</summary>
        public string? EventNameAttr4 { get; set; }

        /// <summary>Column 17, EventName Attr5 (optional).</summary>
        public string? EventNameAttr5 { get; set; }

        /// <summary>Column 18, EventName Attr6 (optional).</summary>
        public string? EventNameAttr6 { get; set; }

        /// <summary>Column 19, EventName Attr7 (optional).</summary>
        public string? EventNameAttr7 { get; set; }

        /// <summary>Column 20, EventName Attr8 (optional).</summary>
        public string? EventNameAttr8 { get; set; }

        /// <summary>Column 21, EventName Attr9 (optional).</summary>
        public string? EventNameAttr9 { get; set; }

        /// <summary>Column 22, EventName Attr10 (optional).</summary>
        public string? EventNameAttr10 { get; set; }

        /// <summary>
        /// Columns 23 and on, EventTransaction Attr1..N; a purchase ID is typically the first. A list of strings
        /// (assign a string array); as text, e.g. in Export-Csv, the values as the format writes them, <c>;</c>-separated.
        /// </summary>
        public TransactionAttributeList TransactionAttributes
        {
            get => transactionAttributes;
            set => transactionAttributes = value ?? TransactionAttributeList.Empty;
        }

        private TransactionAttributeList transactionAttributes = TransactionAttributeList.Empty;

        /// <summary>The file the record was read from, if any.</summary>
        public string? Path { get; set; }

        /// <summary>The zip entry the record was read from, if any.</summary>
        public string? Entry { get; set; }

        /// <summary>The 1-based physical line the record starts on, if read from a file.</summary>
        public long Line { get; set; }

        /// <summary>The 1-based data-row index in its file or entry, if read from a file.</summary>
        public long RowIndex { get; set; }

        /// <summary>A copy whose values can be changed (hashed) without changing this record; the attribute list is immutable and shared.</summary>
        internal OfflineDataRecord Copy() => (OfflineDataRecord)MemberwiseClone();

        /// <summary>The row as the format writes it (what Export-Csv writes for a stored row's Record).</summary>
        public override string ToString() => Writing.OfflineDataWriter.FormatRow(this);

        /// <summary>The value of named column <paramref name="number"/> (1..22) as text, as it is written to a file.</summary>
        public string? GetText(int number)
        {
            switch (number)
            {
                case 1: return Timestamp.ToString(OfflineDataSchema.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture);
                case 2: return CustomerId;
                case 3: return EventType.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case 4: return Category;
                case 5: return EventName;
                case 6: return Num1.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case 7: return Num2.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case 8: return Var1;
                case 9: return Var2;
                case 10: return Var3;
                case 11: return Var4;
                case 12: return Var5;
                case 13: return EventNameAttr1;
                case 14: return EventNameAttr2;
                case 15: return EventNameAttr3;
                case 16: return EventNameAttr4;
                case 17: return EventNameAttr5;
                case 18: return EventNameAttr6;
                case 19: return EventNameAttr7;
                case 20: return EventNameAttr8;
                case 21: return EventNameAttr9;
                case 22: return EventNameAttr10;
                default: throw new ArgumentOutOfRangeException(nameof(number), number, "Named columns are 1 to 22.");
            }
        }

        /// <summary>Sets text column <paramref name="number"/> (2, 4, 5, 8..22), mandatory or optional, from text.</summary>
        internal void SetText(int number, string value)
        {
            switch (number)
            {
                case 2: CustomerId = value; break;
                case 5: EventName = value; break;
                default: SetOptionalText(number, value); break;
            }
        }

        /// <summary>Sets named text column <paramref name="number"/> (4, 8..22) from text.</summary>
        internal void SetOptionalText(int number, string? value)
        {
            switch (number)
            {
                case 4: Category = value; break;
                case 8: Var1 = value; break;
                case 9: Var2 = value; break;
                case 10: Var3 = value; break;
                case 11: Var4 = value; break;
                case 12: Var5 = value; break;
                case 13: EventNameAttr1 = value; break;
                case 14: EventNameAttr2 = value; break;
                case 15: EventNameAttr3 = value; break;
                case 16: EventNameAttr4 = value; break;
                case 17: EventNameAttr5 = value; break;
                case 18: EventNameAttr6 = value; break;
                case 19: EventNameAttr7 = value; break;
                case 20: EventNameAttr8 = value; break;
                case 21: EventNameAttr9 = value; break;
                case 22: EventNameAttr10 = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(number), number, "Only optional text columns can be set by number.");
            }
        }
    }
}
