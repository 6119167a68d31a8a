namespace OrleansClinic.Archive;

/// <summary>One archived record: its opaque id (such as an appointment id) and its JSON document, as the hot store held it.</summary>
/// <param name="Id">The record's id; not empty, unique within its batch.</param>
/// <param name="Document">
/// One JSON value as text (PostgreSQL's <c>jsonb::text</c>, say). It comes back from the archive byte for byte, except
/// that line breaks between tokens come back as spaces: a JSON Lines file holds one record a line.
/// </param>
public sealed record ArchiveRecord(string Id, string Document);
