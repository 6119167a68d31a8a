using OrleansClinic.Hosting;
using OrleansClinic.Hosting.Telemetry;

var builder = WebApplication.CreateBuilder(args);
if (args is ["migrate", ..])
{
    // Applies the schema migrations and exits, for operators who migrate before rolling out silos.
    await ClinicSchema.MigrateAsync(builder.Configuration);
    return;
}

builder.AddClinicSilo();
builder.AddClinicTelemetry("orleansclinic-silo");
var app = builder.Build();
app.UseClinicTelemetry();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.Run();
