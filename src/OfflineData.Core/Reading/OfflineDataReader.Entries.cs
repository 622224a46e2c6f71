using System;
using System.IO;
using ICSharpCode.SharpZipLib;
using OfflineData.Core.Containers;
using OfflineData.Core.Findings;
using OfflineData.Core.Validation;

namespace OfflineData.Core.Reading
{
    /// <summary>The reader's entries: opening each one (zip entries in turn), its encoding, and damaged streams.</summary>
    public sealed partial class OfflineDataReader
    {
        private static bool IsDamage(Exception e) => e is CorruptInputException || e is SharpZipBaseException || e is InvalidDataException || e is EndOfStreamException;

        private bool OpenNextEntry()
        {
            if (entries == null) entries = container.GetEntries(f => fileFindings.Add(f)).GetEnumerator();
            while (true)
            {
                bool moved;
                try
                {
                    moved = entries.MoveNext();
                }
                catch (Exception e) when (IsDamage(e))
                {
                    fileFindings.Add(new Finding(FindingCode.CorruptArchive, FindingSeverity.Error, FindingMessages.CorruptArchive(e.Message), Path));
                    return false;
                }

                if (!moved) return false;
                entry = entries.Current;
                fileFindings.Entry = entry.Name;
                rowFindings.Entry = entry.Name;
                if (entry.Name != null) entryNames.Add(entry.Name);
                try
                {
                    entryStream = entry.Open();
                    tokenizer = new RecordTokenizer(entryStream, options.MaxRecordLength, options.MaxFieldLength);
                    var encoding = tokenizer.DetectEncoding();
                    if (encoding == DetectedEncoding.Utf8WithBom) SawByteOrderMark = true;
                    if (encoding == DetectedEncoding.Utf16 || encoding == DetectedEncoding.Utf32)
                    {
                        // Damaged compressed data often inflates to zero bytes: read the entry to its end first, so
                        // its CRC check (which throws below) tells damage from real UTF-16 before the text is blamed.
                        // A failure within the first bytes (put off by the tokenizer) is not lost by stopping here.
                        tokenizer.ThrowDeferredFailure();
                        if (container.Format != ContainerFormat.Plain) Drain(entryStream);
                        fileFindings.Add(FindingCode.UnsupportedEncoding, FindingMessages.UnsupportedEncoding(encoding), null);
                        CloseEntry();
                        continue;
                    }
                }
                catch (Exception e) when (IsDamage(e))
                {
                    ReportCorruptStream(e);
                    CloseEntry();
                    continue;
                }

                firstRecordOfEntry = true;
                entryHasHeader = false;
                HeaderCells = null;
                entryRows = 0;
                return true;
            }
        }

        private static void Drain(Stream stream)
        {
            var buffer = new byte[64 * 1024];
            while (stream.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }

        private void CloseEntry()
        {
            entryStream?.Dispose();
            entryStream = null;
            tokenizer = null;
        }

        private void ReportCorruptStream(Exception e)
        {
            var code = e is CorruptInputException damage ? damage.Code
                : container.Format == ContainerFormat.Zip ? FindingCode.CorruptArchive : FindingCode.CorruptCompressedStream;
            // Line 0 means no record was started yet: there is no line to name.
            long? line = tokenizer != null && tokenizer.Line > 0 ? tokenizer.Line : (long?)null;
            string message = code == FindingCode.TrailingData
                ? FindingMessages.TrailingData(e.Message, line)
                : FindingMessages.CorruptStream(container.Format == ContainerFormat.Zip, line, e.Message);
            fileFindings.Add(code, message, line);
        }
    }
}
