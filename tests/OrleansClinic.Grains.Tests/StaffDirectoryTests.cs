using System.Text.Json;
using Npgsql;
using OrleansClinic.Grains.Abstractions.Staff;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Grains.Tests;

/// <summary>
/// The clinic's staff list on PostgreSQL: a member's grain lists them on creation and on each role change, a list write
/// that fails after the member's own save is repaired by the retry, and members stored before the list existed are listed
/// by its migration.
/// </summary>
public sealed class StaffDirectoryTests(PostgresServer postgres)
{
    private const string Admin = "s-admin-directory";

    private static string NewId() => "s-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_member_is_listed_when_created_and_again_with_each_role_change_and_the_list_survives_a_restart()
    {
        var connectionString = await postgres.CreateDatabaseAsync("staff_directory");
        var (wattle, banksia) = ("s-b-" + Guid.NewGuid().ToString("N")[..8], "s-a-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var clinic = await PostgresCluster.Start(connectionString))
        {
            var created = await clinic.Grains.GetGrain<IStaffGrain>(wattle).Create(new NewStaffMember(["receptionist"], null), Admin);
            await clinic.Grains.GetGrain<IStaffGrain>(banksia).Create(new NewStaffMember(["admin"], null), Admin);
            var listed = Assert.Single(await Directory(clinic).Find("receptionist"));
            Assert.Equal(wattle, listed.Id);
            Assert.Equal(created.Member!.CreatedAt, listed.CreatedAt);

            Assert.True((await clinic.Grains.GetGrain<IStaffGrain>(wattle).SetRoles(["admin", "practice_manager"], Admin)).Succeeded);

            Assert.Empty(await Directory(clinic).Find("receptionist"));
            Assert.Equal([wattle], (await Directory(clinic).Find("practice_manager")).Select(m => m.Id));
        }

        await using (var restarted = await PostgresCluster.Start(connectionString))
        {
            var all = await Directory(restarted).Find(null);
            Assert.Equal([banksia, wattle], all.Select(m => m.Id));
            Assert.Equal(["practice_manager", "admin"], all[1].Roles);
            Assert.Equal([banksia, wattle], (await Directory(restarted).Find("admin")).Select(m => m.Id));
        }

        // One row, ids and roles only: no history, no one who made the changes.
        var payload = JsonDocument.Parse(await Text(connectionString, "select payload::text from users_profile.staff_directory")).RootElement;
        Assert.Equal(["createdAt", "doctorId", "id", "roles"], payload.GetProperty("members").GetProperty(wattle).EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Admin, payload.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_write_that_fails_after_the_members_save_is_repaired_by_the_retry()
    {
        await using var clinic = await PostgresCluster.Start(
            await postgres.CreateDatabaseAsync("staff_directory_fault"), extraSiloConfigurator: typeof(StaffDirectoryFaultConfigurator));
        var id = NewId();
        var member = clinic.Grains.GetGrain<IStaffGrain>(id);

        StaffDirectoryFault.Arm(member.GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => member.Create(new NewStaffMember(["receptionist"], null), Admin));
        Assert.NotNull(await member.Get());
        Assert.DoesNotContain(id, (await Directory(clinic).Find(null)).Select(m => m.Id));

        Assert.True((await member.Create(new NewStaffMember(["receptionist"], null), Admin)).Succeeded);
        Assert.Equal(["receptionist"], Assert.Single(await Directory(clinic).Find(null), m => m.Id == id).Roles);

        StaffDirectoryFault.Arm(member.GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => member.SetRoles(["doctor"], Admin));
        Assert.Equal(["doctor"], (await member.Get())!.Roles);
        Assert.Equal(["receptionist"], Assert.Single(await Directory(clinic).Find(null), m => m.Id == id).Roles);

        Assert.True((await member.SetRoles(["doctor"], Admin)).Succeeded);
        Assert.Equal(["doctor"], Assert.Single(await Directory(clinic).Find(null), m => m.Id == id).Roles);
        Assert.Equal(2, (await member.Get())!.History.Count);
    }

    [Fact]
    public async Task Members_stored_before_the_list_existed_are_listed_by_its_migration()
    {
        var connectionString = await postgres.CreateDatabaseAsync("staff_directory_backfill");
        var (receptionist, doctor) = (NewId(), NewId());
        StaffMemberView? linked;
        await using (var clinic = await PostgresCluster.Start(connectionString))
        {
            await clinic.Grains.GetGrain<IStaffGrain>(receptionist).Create(new NewStaffMember(["receptionist", "admin"], null), Admin);
            linked = (await clinic.Grains.GetGrain<IStaffGrain>(doctor).Create(new NewStaffMember(["doctor"], "d-test-quokka"), Admin)).Member;
        }

        // As a database was before migration 0017: staff rows, no list.
        await Execute(connectionString, "delete from users_profile.staff_directory");
        await Execute(connectionString, "delete from public.clinic_schema_migrations where name = 'staff_directory'");

        await using var migrated = await PostgresCluster.Start(connectionString);
        var all = await Directory(migrated).Find(null);
        Assert.Equal(new[] { receptionist, doctor }.Order(StringComparer.Ordinal), all.Select(m => m.Id));
        Assert.Equal(["receptionist", "admin"], all.Single(m => m.Id == receptionist).Roles);
        Assert.Equal(StaffSummary.Of(linked!), all.Single(m => m.Id == doctor), SummaryComparer.Instance);

        // The migrated row is the grain's own from then on.
        Assert.True((await migrated.Grains.GetGrain<IStaffGrain>(receptionist).SetRoles(["receptionist"], Admin)).Succeeded);
        Assert.Empty(await Directory(migrated).Find("admin"));
    }

    private static IStaffDirectoryGrain Directory(PostgresCluster clinic) => clinic.Grains.GetGrain<IStaffDirectoryGrain>(IStaffDirectoryGrain.ClinicKey);

    private static async Task<string> Text(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class SummaryComparer : IEqualityComparer<StaffSummary>
    {
        public static readonly SummaryComparer Instance = new();

        public bool Equals(StaffSummary? x, StaffSummary? y) => x is not null && y is not null && x.SameAs(y);

        public int GetHashCode(StaffSummary obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
