namespace OfflineData.Core.Schema
{
    /// <summary>
    /// One custom attribute checked against the target schema (a row of the mismatch table): the name, where it was
    /// seen, the schema field it goes to, whether they agree, and the closest field when they do not.
    /// </summary>
    public sealed class SchemaCheckResult
    {
        internal SchemaCheckResult(string attribute, string seenIn, string source, string field, SchemaCheckStatus status)
        {
            Attribute = attribute;
            SeenIn = seenIn;
            Source = source;
            Field = field;
            StatusValue = status;
        }

        /// <summary>The attribute's name as the data or the mapping gives it.</summary>
        public string Attribute { get; }

        /// <summary>Where it was seen: <c>sales.csv col 23</c>, <c>-ColumnMap TransactionAttr1</c>, <c>map.csv line 2</c>.</summary>
        public string SeenIn { get; }

        /// <summary>The data file or map file (full path), or <c>-ColumnMap</c>.</summary>
        public string Source { get; }

        /// <summary>
        /// The target field: the schema's spelling when it has the field (Exact, CaseOnly, TypeMismatch), else the path
        /// that was looked for (the name under the tenant namespace, e.g. <c>_acme.loyaltyLvl</c>).
        /// </summary>
        public string Field { get; }

        /// <summary>
        /// Exact, CaseOnly, Missing or TypeMismatch, as a string (so that ConvertTo-Json and Export-Csv write the name in
        /// both PowerShell editions); see <see cref="SchemaCheckStatus"/>.
        /// </summary>
        public string Status => StatusValue.ToString();

        /// <summary>The status, typed.</summary>
        internal SchemaCheckStatus StatusValue { get; }

        /// <summary>Whether the names agree exactly and nothing contradicts the type (the table's check mark).</summary>
        public bool Match => StatusValue == SchemaCheckStatus.Exact;

        /// <summary>The closest schema field for Missing (edit distance, ignoring case and the tenant prefix), the schema's spelling for CaseOnly; else null.</summary>
        public string? Suggestion { get; internal set; }

        /// <summary>The schema field's type (<c>string</c>, <c>boolean</c>, <c>date</c>, <c>long</c> ...), or null when it is missing.</summary>
        public string? FieldType { get; internal set; }

        /// <summary>The type the attribute map declares, or null.</summary>
        public string? DeclaredType { get; internal set; }

        /// <summary>A sentence saying what was found (and, for TypeMismatch, which value or declaration contradicts the schema).</summary>
        public string Message { get; internal set; } = string.Empty;

        /// <summary>The schema's tenant ID (<c>acme</c>), or null when it has no tenant namespace.</summary>
        public string? TenantId { get; internal set; }

        /// <summary>The schema file checked against.</summary>
        public string SchemaPath { get; internal set; } = string.Empty;

        /// <inheritdoc />
        public override string ToString() => $"{Attribute} -> {Field}: {Status}";
    }
}
