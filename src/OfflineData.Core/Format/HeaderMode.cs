namespace OfflineData.Core.Format
{
    /// <summary>Whether the first record of a file (or zip entry) is a header row.</summary>
    public enum HeaderMode
    {
        /// <summary>Detect it: a first record whose first cell is not a timestamp and whose cells name the columns is a header.</summary>
        Auto = 0,
        /// <summary>The first record is a header; its names are checked.</summary>
        Present = 1,
        /// <summary>There is no header; the first record is data.</summary>
        Absent = 2,
    }
}
