using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Postgres;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store.Postgres
{
    /// <summary>
    /// Issue 9: the store's tables follow Citus's rules, checked in the catalog of plain PostgreSQL (Citus itself is not
    /// installable here) against the intent declared once in <see cref="PostgresSchema.Layout"/>: every table is declared;
    /// a distributed table's distribution column is NOT NULL and part of every primary key, unique constraint and unique
    /// index; there is no exclusion constraint on it; foreign keys go only to reference tables or between colocated
    /// tables on their distribution columns; colocated tables' distribution columns have the same type; sequences that
    /// feed distributed tables are bigint. docs/scale-out.md distributes the tables as declared.
    /// </summary>
    public sealed class PostgresCitusLayoutTests : IDisposable
    {
        private readonly TestDatabase? database;

        public PostgresCitusLayoutTests()
        {
            if (PostgresTestServer.SkipReason == null) database = PostgresTestServer.CreateDatabase();
        }

        public void Dispose() => database?.Dispose();

        [PostgresFact]
        public void The_created_schema_follows_the_Citus_rules_for_the_declared_layout()
        {
            using (var store = StoreFactory.Open(database!.ConnectionString, new StoreOpenOptions { Create = true }))
            {
                Assert.True(store.Exists);

                // A copy's destination also gets the copy marker tables: they must follow the rules as well.
                using var dir = new TempDirectory();
                using var source = StoreFactory.Open(dir.Combine("source.db"), new StoreOpenOptions { Create = true });
                var copier = new OfflineData.Core.Store.Transfer.StoreCopier(
                    OfflineData.Core.Store.Transfer.StoreTransfer.ContentOf(source), OfflineData.Core.Store.Transfer.StoreTransfer.ContentOf(store));
                copier.Copy(copier.Plan(false), System.Threading.CancellationToken.None);
            }

            using var connection = new NpgsqlConnection(database.ConnectionString);
            connection.Open();
            var layout = PostgresSchema.Layout.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var problems = new List<string>();

            var tables = Strings(connection, "SELECT tablename FROM pg_tables WHERE schemaname = 'offlinedata' ORDER BY 1;");
            Assert.Equal(layout.Keys.OrderBy(n => n, StringComparer.Ordinal), tables);

            foreach (var table in layout.Values.Where(t => !t.IsReference))
            {
                var column = table.DistributionColumn!;
                var notNull = Strings(connection, $"SELECT attnotnull::text FROM pg_attribute WHERE attrelid = 'offlinedata.{table.Name}'::regclass AND attname = '{column}' AND NOT attisdropped;");
                if (notNull.SingleOrDefault() != "true") problems.Add($"{table.Name}.{column} is missing or nullable");

                // Unique indexes back every primary key and unique constraint; each must have the column among its keys.
                foreach (var index in Strings(connection, $@"SELECT i.indexrelid::regclass::text FROM pg_index i
WHERE i.indrelid = 'offlinedata.{table.Name}'::regclass AND i.indisunique
AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attname = '{column}' AND a.attnum = ANY(i.indkey::int2[]));"))
                {
                    problems.Add($"the unique index {index} of {table.Name} does not include {column}");
                }

                if (Strings(connection, $"SELECT conname::text FROM pg_constraint WHERE conrelid = 'offlinedata.{table.Name}'::regclass AND contype = 'x';").Count > 0)
                {
                    problems.Add($"{table.Name} has an exclusion constraint");
                }

                if (table.ColocateWith != null)
                {
                    var other = layout[table.ColocateWith];
                    var types = Strings(connection, $@"SELECT format_type(atttypid, atttypmod) || ' ' || coalesce(attcollation::regcollation::text, '') FROM pg_attribute
WHERE (attrelid, attname) IN (('offlinedata.{table.Name}'::regclass, '{column}'), ('offlinedata.{other.Name}'::regclass, '{other.DistributionColumn}'));");
                    if (types.Distinct().Count() != 1) problems.Add($"{table.Name}.{column} and {other.Name}.{other.DistributionColumn} (colocated) differ in type: {string.Join(" / ", types)}");
                }

                foreach (var sequence in Strings(connection, $@"SELECT s.seqrelid::regclass::text || ' ' || format_type(s.seqtypid, NULL) FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid
WHERE d.refobjid = 'offlinedata.{table.Name}'::regclass AND d.classid = 'pg_class'::regclass;"))
                {
                    if (!sequence.EndsWith(" bigint", StringComparison.Ordinal)) problems.Add($"the sequence {sequence} of {table.Name} is not bigint");
                }
            }

            foreach (var row in Rows(connection, @"SELECT c.conname::text, src.relname::text, dst.relname::text,
    (SELECT array_agg(attname::text) FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = ANY(c.conkey))::text,
    (SELECT array_agg(attname::text) FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = ANY(c.confkey))::text
FROM pg_constraint c JOIN pg_class src ON src.oid = c.conrelid JOIN pg_class dst ON dst.oid = c.confrelid
WHERE c.contype = 'f' AND c.connamespace = 'offlinedata'::regnamespace;"))
            {
                var from = layout[row[1]];
                var to = layout[row[2]];
                if (to.IsReference) continue; // to a reference table: allowed from anywhere
                bool colocated = !from.IsReference && (from.ColocateWith == to.Name || to.ColocateWith == from.Name);
                if (!colocated || !row[3].Contains(from.DistributionColumn!) || !row[4].Contains(to.DistributionColumn!))
                {
                    problems.Add($"the foreign key {row[0]} from {from.Name} to {to.Name} is not between colocated tables on their distribution columns");
                }
            }

            Assert.True(problems.Count == 0, string.Join("; ", problems));

            // The intent the issue states: rows, match results and visitors by customer ID, transactions by transaction ID.
            Assert.Equal("customer_id", layout["offline_row"].DistributionColumn);
            Assert.Equal("transaction_id", layout["online_transaction"].DistributionColumn);
            Assert.True(layout["report_suite"].IsReference);
            Assert.Equal("offline_row", layout["visitor"].ColocateWith);
        }

        private static List<string> Strings(NpgsqlConnection connection, string sql) => Rows(connection, sql).Select(r => r[0]).ToList();

        private static List<string[]> Rows(NpgsqlConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<string[]>();
            while (reader.Read())
            {
                var row = new string[reader.FieldCount];
                for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
                rows.Add(row);
            }

            return rows;
        }
    }
}
