namespace OfflineData.Core.Import
{
    /// <summary>What an import run did with one file.</summary>
    public enum ImportRunStatus
    {
        /// <summary>The file's valid rows were written to the store in one transaction.</summary>
        Imported = 1,
        /// <summary>The same content was already imported into the report suite; nothing was written (use -Force to replace it).</summary>
        Skipped = 2,
        /// <summary>A dry run (-WhatIf): the file was read and matched, the counts are predictions, nothing was written.</summary>
        DryRun = 3,
        /// <summary>The file could not be imported (unreadable container, wrong header, store error); nothing of it was written.</summary>
        Failed = 4,
    }
}
