using Npgsql;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>
/// The OrleansQuery rows run as Orleans' ADO.NET clustering and reminders run them: by key, with their @-parameters,
/// reading their result columns by name.
/// </summary>
public sealed class OrleansQueryContractTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2025, 5, 1, 8, 0, 0, DateTimeKind.Utc);
    private ClinicDatabase db = null!;

    public async ValueTask InitializeAsync() => db = await ClinicDatabase.CreateAsync(server, "orleans_queries");

    public ValueTask DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Every_query_key_the_packages_load_is_present()
    {
        string[] keys =
        [
            "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
            "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
            "CleanupDefunctSiloEntriesKey", "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey",
            "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];

        foreach (var key in keys)
        {
            Assert.True(await db.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM OrleansQuery WHERE QueryKey = $1)", key), key);
        }
    }

    [Fact]
    public async Task Membership_rows_change_only_at_the_expected_table_version()
    {
        Assert.Equal(1, Single(await RunAsync("InsertMembershipVersionKey", ("DeploymentId", "c1"))));
        Assert.Equal(0, Single(await RunAsync("InsertMembershipVersionKey", ("DeploymentId", "c1"))));

        Assert.Equal(1, Single(await RunAsync("InsertMembershipKey", Silo(generation: 1, version: 0))));
        Assert.Equal(0, Single(await RunAsync("InsertMembershipKey", Silo(generation: 2, version: 0))));
        Assert.Equal(0, Single(await RunAsync("InsertMembershipKey", Silo(generation: 1, version: 1))));
        Assert.Equal(1, Single(await RunAsync("InsertMembershipKey", Silo(generation: 2, version: 1))));

        var all = await RunAsync("MembershipReadAllKey", ("DeploymentId", "c1"));
        Assert.Equal(2, all.Count);
        Assert.All(all, row => Assert.Equal(2, Convert.ToInt32(row["version"], System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(0, Single(await RunAsync("UpdateMembershipKey", Update(generation: 1, status: 6, version: 1))));
        Assert.Equal(1, Single(await RunAsync("UpdateMembershipKey", Update(generation: 1, status: 6, version: 2))));
        Assert.Equal(0, Single(await RunAsync("UpdateMembershipKey", Update(generation: 9, status: 6, version: 3))));

        await RunAsync(
            "UpdateIAmAlivetimeKey",
            ("DeploymentId", "c1"), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", 2), ("IAmAliveTime", Now.AddMinutes(5)));
        var row = Assert.Single(await RunAsync(
            "MembershipReadRowKey", ("DeploymentId", "c1"), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", 2)));
        Assert.Equal(Now.AddMinutes(5), row["iamalivetime"]);
        Assert.Equal(3, row["version"]);

        var gateways = await RunAsync("GatewaysQueryKey", ("DeploymentId", "c1"), ("Status", 3));
        Assert.Equal(2, Assert.Single(gateways)["generation"]);

        await RunAsync("CleanupDefunctSiloEntriesKey", ("DeploymentId", "c1"), ("IAmAliveTime", Now.AddMinutes(1)));
        Assert.Single(await RunAsync("MembershipReadAllKey", ("DeploymentId", "c1")));
        await RunAsync("DeleteMembershipTableEntriesKey", ("DeploymentId", "c1"));
        Assert.Empty(await RunAsync("MembershipReadAllKey", ("DeploymentId", "c1")));
    }

    [Fact]
    public async Task Reminders_are_upserted_read_by_range_and_deleted_at_their_version()
    {
        (string, object?)[] Reminder(string grain, string name, int hash) =>
            [("ServiceId", "svc"), ("GrainId", grain), ("ReminderName", name), ("StartTime", Now), ("Period", 60_000), ("GrainHash", hash)];

        Assert.Equal(0, Assert.Single(await RunAsync("UpsertReminderRowKey", Reminder("g1", "archive", 10)))["version"]);
        Assert.Equal(1, Assert.Single(await RunAsync("UpsertReminderRowKey", Reminder("g1", "archive", 10)))["version"]);
        await RunAsync("UpsertReminderRowKey", [.. Reminder("g2", "archive", 500).SkipLast(2), ("Period", 5_000_000_000L), ("GrainHash", 500)]);

        var one = Assert.Single(await RunAsync("ReadReminderRowKey", ("ServiceId", "svc"), ("GrainId", "g1"), ("ReminderName", "archive")));
        Assert.Equal(60_000L, one["period"]);
        Assert.Equal(Now, one["starttime"]);
        Assert.Single(await RunAsync("ReadReminderRowsKey", ("ServiceId", "svc"), ("GrainId", "g2")));
        Assert.Equal("g1", Assert.Single(await RunAsync("ReadRangeRows1Key", ("ServiceId", "svc"), ("BeginHash", 0), ("EndHash", 100)))["grainid"]);
        Assert.Equal("g2", Assert.Single(await RunAsync("ReadRangeRows2Key", ("ServiceId", "svc"), ("BeginHash", 100), ("EndHash", 5)))["grainid"]);

        Assert.Equal(0, Single(await RunAsync("DeleteReminderRowKey", ("ServiceId", "svc"), ("GrainId", "g1"), ("ReminderName", "archive"), ("Version", 0))));
        Assert.Equal(1, Single(await RunAsync("DeleteReminderRowKey", ("ServiceId", "svc"), ("GrainId", "g1"), ("ReminderName", "archive"), ("Version", 1))));
        await RunAsync("DeleteReminderRowsKey", ("ServiceId", "svc"));
        Assert.Empty(await RunAsync("ReadReminderRowsKey", ("ServiceId", "svc"), ("GrainId", "g2")));
    }

    private static (string, object?)[] Silo(int generation, int version) =>
    [
        ("DeploymentId", "c1"), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", generation), ("SiloName", "silo"),
        ("HostName", "host"), ("Status", 3), ("ProxyPort", 30000), ("StartTime", Now), ("IAmAliveTime", Now), ("Version", version),
    ];

    private static (string, object?)[] Update(int generation, int status, int version) =>
    [
        ("DeploymentId", "c1"), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", generation), ("Status", status),
        ("SuspectTimes", null), ("IAmAliveTime", Now), ("Version", version),
    ];

    private static int Single(List<Dictionary<string, object?>> rows) => Convert.ToInt32(Assert.Single(Assert.Single(rows)).Value, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<Dictionary<string, object?>>> RunAsync(string key, params (string Name, object? Value)[] parameters)
    {
        var text = await db.ScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = $1", key)
            ?? throw new InvalidOperationException($"No query {key}.");
        await using var command = db.Sql.CreateCommand(text);
        foreach (var (name, value) in parameters)
        {
            // Orleans adds parameters by bare name and lets the provider infer the type, nulls untyped.
            command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        do
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }
        while (await reader.NextResultAsync(TestContext.Current.CancellationToken));

        return rows;
    }
}
