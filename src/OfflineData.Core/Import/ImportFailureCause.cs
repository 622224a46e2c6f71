namespace OfflineData.Core.Import
{
    /// <summary>Why an import of one file failed (<see cref="ImportResult.FailureCause"/>); nothing of the file was written.</summary>
    public enum ImportFailureCause
    {
        /// <summary>A file-level error: an unreadable or damaged container, UTF-16 text, a header naming the wrong columns.</summary>
        InvalidFile = 1,
        /// <summary>The file holds no row that can be imported: it is empty, has only a header, or every row has errors.</summary>
        NoImportableRows = 2,
        /// <summary>The file could not be read (access denied, locked, an I/O error).</summary>
        Unreadable = 3,
        /// <summary>The store could not be read or written (busy, disk full, read-only, damaged, tables missing).</summary>
        StoreFailed = 4,
        /// <summary>The quarantine file of the rejected rows could not be written (disk full, access denied, no free name).</summary>
        QuarantineFailed = 5,
    }
}
