namespace OrleansClinic.Grains.Abstractions;

/// <summary>Who is asking and under which correlation id, carried with every grain call in Orleans' <see cref="RequestContext"/>.</summary>
public static class ClinicRequestContext
{
    private const string CorrelationIdKey = "clinic.correlation-id";
    private const string ActorKey = "clinic.actor";
    private const string ActorRoleKey = "clinic.actor-role";

    /// <summary>The actor and role of the clinic's own work (reminders, workflows, start-up).</summary>
    public const string System = "system";

    /// <summary>The correlation id of the request being served; a fresh one when none was set (system work).</summary>
    public static string CorrelationId
    {
        get => RequestContext.Get(CorrelationIdKey) as string ?? "system";
        set => RequestContext.Set(CorrelationIdKey, value);
    }

    /// <summary>The opaque id of the person or process making the change, recorded in history.</summary>
    public static string Actor
    {
        get => RequestContext.Get(ActorKey) as string ?? System;
        set => RequestContext.Set(ActorKey, value);
    }

    /// <summary>The clinic roles of the actor, comma-separated in name order, recorded in the audit trail.</summary>
    public static string ActorRole
    {
        get => RequestContext.Get(ActorRoleKey) as string ?? System;
        set => RequestContext.Set(ActorRoleKey, value);
    }
}
