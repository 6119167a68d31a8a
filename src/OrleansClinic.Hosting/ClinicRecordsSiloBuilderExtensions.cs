using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Archive;
using OrleansClinic.Archive.S3;
using OrleansClinic.Audit;
using OrleansClinic.Domain.Privacy;
using OrleansClinic.Hosting.StartupTasks;
using OrleansClinic.Tiering;

namespace OrleansClinic.Hosting;

/// <summary>Wires what the clinic keeps for the law: the audit trail, and on PostgreSQL the archive tiers and the tiering job.</summary>
public static class ClinicRecordsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the audit trail and its sealer (<c>Clinic:Audit</c>); on PostgreSQL also the archive store (S3 when
    /// <c>Archive:S3:BucketName</c> is set, else the local directory of <c>Archive:Local</c>), the audit head's anchors
    /// in it, and the tiering job (<c>Clinic:Tiering</c>) with its schedule.
    /// </summary>
    public static ISiloBuilder AddClinicRecords(this ISiloBuilder silo, ClinicHostOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = silo.Services;
        services.AddSingleton(RetentionFor(configuration.GetSection(RetentionSection)));
        services.AddClinicAuditTrail(o => configuration.GetSection(AuditOptions.Section).Bind(o), options.UsesPostgres ? options.PostgresConnectionString : null);
        if (!options.UsesPostgres)
        {
            // The embedded clinic's records live in memory and end with the process: there is nothing to tier.
            return silo;
        }

        if (!string.IsNullOrEmpty(configuration[$"{S3ArchiveOptions.Section}:{nameof(S3ArchiveOptions.BucketName)}"]))
        {
            services.AddS3ArchiveStore(o => configuration.GetSection(S3ArchiveOptions.Section).Bind(o));
        }
        else
        {
            services.AddLocalArchiveStore(o =>
            {
                configuration.GetSection(ArchiveOptions.Section).Bind(o);
                o.RootDirectory = o.RootDirectory is { Length: > 0 } root ? root : DefaultArchiveDirectory(options.PostgresConnectionString!);
            });
        }

        services.AddClinicAuditAnchors();
        services.AddClinicTiering(
            o => configuration.GetSection(TieringOptions.Section).Bind(o), options.PostgresConnectionString!);
        silo.AddStartupTask<TieringScheduler>();
        return silo;
    }

    /// <summary>
    /// Where a clinic on PostgreSQL keeps its archive when no store is configured: a folder of the temp directory named
    /// after its database, so two databases on one machine (a developer's, each test's) never share batches or audit anchors.
    /// </summary>
    public static string DefaultArchiveDirectory(string postgresConnectionString)
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(postgresConnectionString);
        var name = $"{database.Host}-{database.Port}-{database.Database ?? database.Username}";
        return Path.Combine(Path.GetTempPath(), "orleans-clinic-archive", string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')));
    }

    /// <summary>The configuration section naming the clinic's state and any longer retention it keeps.</summary>
    public const string RetentionSection = "Clinic:Retention";

    /// <summary>
    /// The retention rule of the clinic's state (<c>Clinic:Retention:State</c>, NSW by default), lengthened by
    /// <c>YearsAfterLastService</c> and <c>MinorKeptUntilAge</c> when set. A rule shorter than the state's law stops start-up.
    /// </summary>
    public static RetentionRule RetentionFor(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var state = section["State"] is { Length: > 0 } code ? code : "NSW";
        var policy = RetentionPolicy.Default;
        var rule = policy.For(state);
        var years = section.GetValue<int?>("YearsAfterLastService");
        var age = section.GetValue<int?>("MinorKeptUntilAge");
        return years is null && age is null
            ? rule
            : policy.WithStateRule(state, new RetentionRule(years ?? rule.YearsAfterLastService, age ?? rule.MinorKeptUntilAge)).For(state);
    }
}
