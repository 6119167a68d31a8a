namespace OrleansClinic.Privacy;

/// <summary>What an entry of the PII access log records.</summary>
public enum PiiAction
{
    /// <summary>The record was read (or a read was attempted: the entry is written whether or not a record exists).</summary>
    Read,

    /// <summary>The first record was stored.</summary>
    Store,

    /// <summary>The record was replaced; the entry names the fields that changed (APP 13 correction history).</summary>
    Correct,

    /// <summary>The record was erased by shredding its data key.</summary>
    Shred,

    /// <summary>Some fields were removed from the record (a partial erasure); the entry names them.</summary>
    Erase,

    /// <summary>The patient was found by a blind-index lookup of the named field (email, phone or name).</summary>
    Lookup,
}
