using OrleansClinic.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (args is ["migrate", ..])
{
    // Applies the schema migrations and exits, for operators who migrate before rolling out silos.
    await ClinicSchema.MigrateAsync(builder.Configuration);
    return;
}

builder.AddClinicSilo();
var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.Run();
