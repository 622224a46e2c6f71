namespace OfflineData.Core.Delivery
{
    /// <summary>An FTP server's reply: the three-digit code and its text (all lines of a multi-line reply).</summary>
    internal readonly struct FtpReply
    {
        public FtpReply(int code, string text)
        {
            Code = code;
            Text = text;
        }

        public int Code { get; }

        public string Text { get; }

        /// <summary>1xx: the command started (a transfer follows).</summary>
        public bool IsPreliminary => Code >= 100 && Code < 200;

        /// <summary>2xx: done.</summary>
        public bool IsSuccess => Code >= 200 && Code < 300;

        /// <summary>3xx: more is needed (PASS after USER, RNTO after RNFR).</summary>
        public bool IsIntermediate => Code >= 300 && Code < 400;

        public override string ToString() => Text;
    }
}
