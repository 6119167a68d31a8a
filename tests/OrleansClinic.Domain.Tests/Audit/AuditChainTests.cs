using NodaTime;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.Domain.Tests.Audit;

/// <summary>The audit hash chain: intact as sealed; any change, removal, insertion or reordering is found where it happened.</summary>
public sealed class AuditChainTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 29, 9, 0);

    private static AuditRecord Record(int i) => new(
        Start + Duration.FromMilliseconds(i * 1234.5678), $"u-{i % 3}", i % 2 == 0 ? "receptionist" : "patient", "appointment.booked",
        "appointment", $"a-{i}", $"c-{i}", "success", i % 4 == 0 ? "front desk check" : null, "event", i);

    private static List<SealedAuditEntry> Chain(int count) => [.. AuditChain.Seal(0, AuditChain.Genesis.Span, Enumerable.Range(1, count).Select(Record))];

    [Fact]
    public void A_sealed_chain_verifies_and_names_its_head()
    {
        var chain = Chain(50);
        var result = AuditChain.Verify(chain);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal((50L, 50L), (result.Entries, result.HeadSequence));
        Assert.Equal(chain[^1].Hash, result.HeadHash.ToArray());
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), chain.Select(e => e.Sequence));
    }

    [Fact]
    public void Sealing_in_batches_gives_the_same_chain_as_at_once_and_verifying_in_pages_the_same_result()
    {
        var whole = Chain(30);
        var first = AuditChain.Seal(0, AuditChain.Genesis.Span, Enumerable.Range(1, 12).Select(Record));
        var second = AuditChain.Seal(12, first[^1].Hash, Enumerable.Range(13, 18).Select(Record));
        Assert.Equal(whole.Select(e => Convert.ToHexString(e.Hash)), first.Concat(second).Select(e => Convert.ToHexString(e.Hash)));

        var paged = AuditChain.Verify(whole.Skip(10), AuditChain.Verify(whole.Take(10)));
        Assert.True(paged.Intact);
        Assert.Equal(30, paged.Entries);
    }

    [Fact]
    public void Times_are_kept_to_the_microsecond_so_a_value_read_back_from_postgres_hashes_alike()
    {
        var entry = Assert.Single(AuditChain.Seal(0, AuditChain.Genesis.Span, [Record(1) with { At = Instant.FromUnixTimeTicks(17_644_000_000_000_007) }]));
        Assert.Equal(17_644_000_000_000_000, entry.Record.At.ToUnixTimeTicks());
        Assert.True(AuditChain.Verify([entry]).Intact);
    }

    public static TheoryData<string> Tampering => ["actor", "reason null to empty", "outcome", "time", "source id", "hash recomputed"];

    [Theory]
    [MemberData(nameof(Tampering))]
    public void Changing_any_field_of_an_entry_is_found_at_that_entry(string change)
    {
        var chain = Chain(20);
        var victim = chain[7];
        var record = victim.Record;
        var altered = change switch
        {
            "actor" => victim with { Record = record with { ActorId = "u-other" } },
            "reason null to empty" => victim with { Record = chain[6].Record with { Reason = "" } },
            "outcome" => victim with { Record = record with { Outcome = "denied" } },
            "time" => victim with { Record = record with { At = record.At + Duration.FromTicks(10) } },
            "source id" => victim with { Record = record with { SourceId = record.SourceId + 1 } },
            // Whoever rewrites a row and its hash still breaks the link from the next entry.
            _ => victim with { Record = record with { ActorRole = "admin" }, Hash = AuditChain.Hash(victim.Sequence, record with { ActorRole = "admin" }, victim.PreviousHash) },
        };
        if (change == "reason null to empty")
        {
            altered = chain[6] with { Record = chain[6].Record with { Reason = "" } };
        }

        var index = chain.IndexOf(change == "reason null to empty" ? chain[6] : victim);
        chain[index] = altered;
        var result = AuditChain.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(change == "hash recomputed" ? altered.Sequence + 1 : altered.Sequence, result.BrokenAt);
        Assert.Equal(altered.Sequence - 1 + (change == "hash recomputed" ? 1 : 0), result.HeadSequence);
    }

    [Fact]
    public void A_removed_entry_is_found_as_a_gap()
    {
        var chain = Chain(10);
        chain.RemoveAt(4);
        var result = AuditChain.Verify(chain);
        Assert.Equal((false, 5L), (result.Intact, result.BrokenAt));
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_entries_are_found_and_so_are_renumbered_ones()
    {
        var chain = Chain(10);
        (chain[3], chain[4]) = (chain[4], chain[3]);
        Assert.Equal(4, AuditChain.Verify(chain).BrokenAt);

        // Renumbering the swap to hide it breaks the hashes instead.
        var renumbered = Chain(10);
        (renumbered[3], renumbered[4]) = (renumbered[4] with { Sequence = 4 }, renumbered[3] with { Sequence = 5 });
        Assert.Equal(4, AuditChain.Verify(renumbered).BrokenAt);
    }

    [Fact]
    public void An_inserted_entry_is_found()
    {
        var chain = Chain(10);
        var forged = AuditChain.Seal(5, chain[4].Hash, [Record(99)])[0];
        chain.Insert(5, forged);
        var result = AuditChain.Verify(chain);
        Assert.False(result.Intact);
        // The forgery itself links (whoever forged it knew the hash before); the genuine entry 6 after it cannot.
        Assert.Equal(7, result.BrokenAt);
    }
}
