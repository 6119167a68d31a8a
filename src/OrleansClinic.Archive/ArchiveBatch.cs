namespace OrleansClinic.Archive;

/// <summary>Records of one data type that leave the hot store together, packed into one data object and one manifest.</summary>
/// <param name="BatchId">Names the batch in its keys (see <see cref="ArchiveKeys.IsValidBatchId"/>); a retried write must reuse it.</param>
/// <param name="DataType">The kind of record, such as <c>appointments</c> (see <see cref="ArchiveKeys.IsValidDataType"/>).</param>
/// <param name="CreatedAt">When the batch was made; its UTC year and month place it in the key layout, so a retried write must reuse it.</param>
/// <param name="Records">The records, at least one, ids unique; archived in this order.</param>
public sealed record ArchiveBatch(string BatchId, string DataType, DateTimeOffset CreatedAt, IReadOnlyList<ArchiveRecord> Records);
