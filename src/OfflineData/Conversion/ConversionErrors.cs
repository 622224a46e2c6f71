using System.Management.Automation;
using OfflineData.Commands.Paths;
using OfflineData.Core.Conversion;

namespace OfflineData.Commands.Conversion
{
    /// <summary>Turns conversion failures into ErrorRecords with stable ErrorIds (the failure's name) and fitting categories.</summary>
    internal static class ConversionErrors
    {
        /// <summary>The ErrorRecord for a file that could not be converted; the target is the file concerned.</summary>
        public static ErrorRecord ToErrorRecord(ConversionException e, string fallbackTarget)
        {
            if (e.Failure == ConversionFailure.SourceUnreadable && e.InnerException != null && FileReadErrors.IsReadFailure(e.InnerException))
            {
                // A source that cannot be opened or read is the same FileReadFailed error as in every other cmdlet.
                return FileReadErrors.ReadFailed(e.Path ?? fallbackTarget, e.InnerException, "Nothing was written to the destination.");
            }

            return new ErrorRecord(e, e.Failure.ToString(), Category(e.Failure), e.Path ?? fallbackTarget);
        }

        /// <summary>The ErrorCategory that fits a failure.</summary>
        public static ErrorCategory Category(ConversionFailure failure)
        {
            switch (failure)
            {
                case ConversionFailure.SourceUnreadable: return ErrorCategory.ReadError;
                case ConversionFailure.DestinationExists: return ErrorCategory.ResourceExists;
                case ConversionFailure.WriteFailed: return ErrorCategory.WriteError;
                case ConversionFailure.SourceRecordTooLong: return ErrorCategory.LimitsExceeded;
                case ConversionFailure.SourceColumnNotFound: return ErrorCategory.ObjectNotFound;
                case ConversionFailure.MandatoryColumnUnmapped:
                case ConversionFailure.SameSourceAndDestination:
                case ConversionFailure.DestinationIsDirectory:
                case ConversionFailure.InvalidArgument:
                    return ErrorCategory.InvalidArgument;
                default:
                    return ErrorCategory.InvalidData;
            }
        }
    }
}
