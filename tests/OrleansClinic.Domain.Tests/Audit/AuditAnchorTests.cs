using System.Text;
using NodaTime;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.Domain.Tests.Audit;

/// <summary>Anchors: stored as one small deterministic JSON each, and checked along the chain wherever it is read in pages.</summary>
public sealed class AuditAnchorTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 29, 9, 0);

    private static List<SealedAuditEntry> Chain(int count) => [.. AuditChain.Seal(0, AuditChain.Genesis.Span, Enumerable.Range(1, count).Select(i =>
        new AuditRecord(Start + Duration.FromSeconds(i), "u-1", "receptionist", "appointment.booked", "appointment", $"a-{i}", null, "success", null, "event", i)))];

    [Fact]
    public void An_anchor_is_stored_as_the_same_small_json_every_time_and_read_back()
    {
        var entry = Chain(7)[^1];
        var json = AuditAnchor.Of(entry).ToJson();

        Assert.Equal($$"""{"sequence":7,"hash":"{{Convert.ToHexStringLower(entry.Hash)}}"}""", Encoding.UTF8.GetString(json));
        Assert.Equal(json, AuditAnchor.Of(entry).ToJson());
        var read = AuditAnchor.FromJson(json);
        Assert.Equal(7, read.Sequence);
        Assert.Equal(entry.Hash, read.Hash.ToArray());
        Assert.Equal("00000000000000000007.json", AuditAnchor.FileNameOf(7));
        Assert.Equal(7, AuditAnchor.SequenceOfFileName("00000000000000000007.json"));
        Assert.Null(AuditAnchor.SequenceOfFileName("00000000000000000007.json.archive-meta.json"));
        Assert.Null(AuditAnchor.SequenceOfFileName("7.json"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"sequence":7}""")]
    [InlineData("""{"sequence":0,"hash":"0000000000000000000000000000000000000000000000000000000000000000"}""")]
    [InlineData("""{"sequence":"7","hash":"0000000000000000000000000000000000000000000000000000000000000000"}""")]
    [InlineData("""{"sequence":7,"hash":"00"}""")]
    [InlineData("""{"sequence":7,"hash":"zz00000000000000000000000000000000000000000000000000000000000000"}""")]
    [InlineData("""{"sequence":7,"hash":"0000000000000000000000000000000000000000000000000000000000000000","at":"now"}""")]
    public void Anything_else_is_not_an_anchor(string json) =>
        Assert.Throws<FormatException>(() => AuditAnchor.FromJson(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Anchors_are_checked_along_the_chain_read_in_pages_and_must_all_be_reached()
    {
        var chain = Chain(30);
        var anchors = AuditAnchor.BySequence([AuditAnchor.Of(chain[9]), AuditAnchor.Of(chain[19]), AuditAnchor.Of(chain[19])]);

        var paged = AuditChain.VerifyReachesAnchors(AuditChain.Verify(chain.Skip(15), AuditChain.Verify(chain.Take(15), null, anchors), anchors), anchors);
        Assert.True(paged.Intact, paged.Problem);
        Assert.Equal(2, paged.AnchorsChecked);

        var cut = AuditChain.VerifyReachesAnchors(AuditChain.Verify(chain.Take(18), null, anchors), anchors);
        Assert.Equal((false, 20L, 18L, 2L), (cut.Intact, cut.BrokenAt!.Value, cut.HeadSequence, cut.AnchorsChecked));
        Assert.StartsWith("entry 20 was anchored outside the database but is missing: the chain ends at entry 18", cut.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_resealed_from_an_entry_before_an_anchor_fails_at_the_anchor()
    {
        var chain = Chain(30);
        var anchors = AuditAnchor.BySequence([AuditAnchor.Of(chain[9]), AuditAnchor.Of(chain[19])]);
        var resealed = chain.Take(14).Concat(AuditChain.Seal(14, chain[13].Hash, chain.Skip(14).Select(e => e.Record with { ActorId = "u-2" }))).ToList();

        Assert.True(AuditChain.Verify(resealed).Intact);
        var result = AuditChain.Verify(resealed, null, anchors);
        Assert.Equal((false, 20L, 19L, 2L), (result.Intact, result.BrokenAt!.Value, result.HeadSequence, result.AnchorsChecked));
        Assert.Equal(
            $"entry 20 does not have the hash anchored outside the database ({Convert.ToHexStringLower(chain[19].Hash)}) but {Convert.ToHexStringLower(resealed[19].Hash)}: the chain was rewritten from this entry or an earlier one",
            result.Problem);
    }

    [Fact]
    public void Anchors_must_name_their_entry_and_agree_about_it()
    {
        var chain = Chain(3);
        Assert.Throws<ArgumentException>(() => AuditAnchor.BySequence([new AuditAnchor(chain[0].Hash, null)]));
        var e = Assert.Throws<ArgumentException>(() => AuditAnchor.BySequence([AuditAnchor.Of(chain[1]), new AuditAnchor(chain[0].Hash, 2)]));
        Assert.StartsWith("Two anchors for entry 2 disagree", e.Message, StringComparison.Ordinal);
    }
}
