using OrleansClinic.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddClinicGateway();

var app = builder.Build();
app.UseClinicGateway();
app.Run();

/// <summary>The gateway's entry point, visible to the in-process test host.</summary>
public partial class Program;
