using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansClinic.Archive;
using OrleansClinic.Audit;
using OrleansClinic.Domain.Audit;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Gateway.Tests.Audit;

/// <summary>
/// <c>GET /api/v1/audit/verify</c> on PostgreSQL, where the silo keeps anchors of the chain's head in the archive store:
/// it reports how many it checked and the newest, and an anchored entry missing from the chain breaks it.
/// </summary>
public sealed class AuditAnchorsTests(PostgresServer postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_checks_the_chain_against_the_anchors_in_the_archive_store()
    {
        var connectionString = await postgres.CreateDatabaseAsync("gateway_anchors");
        var root = Path.Combine(Path.GetTempPath(), "clinic-gateway-anchors-" + Guid.NewGuid().ToString("N")[..8]);
        await using var api = new ClinicGatewayHost(TestVaultKeys.With(new() { ["ConnectionStrings:Clinic"] = connectionString, ["Archive:Local:RootDirectory"] = root }));
        var admin = await api.SignIn("staff-anchors-admin", "admin");
        await api.CreateDoctor();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); (await Verify(admin)).GetProperty("entries").GetInt64() == 0; await Task.Delay(100, Cancel))
        {
            Assert.True(DateTime.UtcNow < deadline, "nothing was sealed");
        }

        // Anchor the head now, as every silo does at start and then each Clinic:Audit:AnchorInterval.
        await using var db = NpgsqlDataSource.Create(connectionString);
        using var store = new LocalDirectoryArchiveStore(new ArchiveOptions { RootDirectory = root });
        var book = new AuditAnchorBook(new PostgresAuditTrail(db, new AuditOptions()), store, NullLogger<AuditAnchorBook>.Instance);
        await book.AnchorHeadAsync(Cancel);
        var anchors = await book.ReadAllAsync(Cancel);
        var newest = anchors.Max(a => a.Sequence!.Value);

        var intact = await Verify(admin);
        Assert.True(intact.GetProperty("intact").GetBoolean(), intact.ToString());
        Assert.Equal((anchors.Count, newest), (intact.GetProperty("anchorsChecked").GetInt64(), intact.GetProperty("anchoredSequence").GetInt64()));

        // An anchor of an entry the chain does not have: as if entries were removed from its end after it was anchored.
        var beyond = newest + 1000;
        await store.PutAsync(AuditAnchorBook.KeyOf(beyond), new AuditAnchor(new byte[32], beyond).ToJson(), Cancel);
        var broken = await Verify(admin);
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal((beyond, beyond), (broken.GetProperty("brokenAt").GetInt64(), broken.GetProperty("anchoredSequence").GetInt64()));
        Assert.StartsWith($"entry {beyond} was anchored outside the database but is missing", broken.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(anchors.Count + 1, broken.GetProperty("anchorsChecked").GetInt64());
    }

    private static async Task<JsonElement> Verify(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/v1/audit/verify", Cancel);
        response.EnsureSuccessStatusCode();
        return await response.Body();
    }
}
