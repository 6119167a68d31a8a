using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Gateway.Tests.Cognito;

/// <summary>
/// Stands in for the production post-confirmation Lambda: cognito-local invokes it through the Lambda Invoke API
/// (<c>POST /2015-03-31/functions/{name}/invocations</c>) after ConfirmSignUp, and it adds the new user to the
/// <c>patient</c> group with AdminAddUserToGroup, as docs/authentication.md's Lambda does in AWS.
/// </summary>
public sealed class PostConfirmationLambda : IAsyncDisposable
{
    /// <summary>The function name cognito-local is configured with.</summary>
    public const string FunctionName = "clinic-post-confirmation";

    private readonly Func<string, object, Task> callCognito;
    private readonly LoopbackHttpServer server;
    private int invocations;

    public PostConfirmationLambda(int port, Func<string, object, Task> callCognito)
    {
        this.callCognito = callCognito;
        server = LoopbackHttpServer.Start(Handle, concurrent: true, port);
    }

    public Uri Endpoint => server.Url;

    /// <summary>How many post-confirmation events were handled.</summary>
    public int Invocations => Volatile.Read(ref invocations);

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task Handle(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var payload = await reader.ReadToEndAsync();
        var lambdaEvent = JsonNode.Parse(payload)!.AsObject();
        var functionError = false;
        try
        {
            if (context.Request.Url!.AbsolutePath.Contains(FunctionName, StringComparison.Ordinal)
                && lambdaEvent["triggerSource"]?.GetValue<string>() == "PostConfirmation_ConfirmSignUp")
            {
                await callCognito("AdminAddUserToGroup", new
                {
                    UserPoolId = lambdaEvent["userPoolId"]!.GetValue<string>(),
                    Username = lambdaEvent["userName"]!.GetValue<string>(),
                    GroupName = "patient",
                });
                Interlocked.Increment(ref invocations);
            }
        }
        catch (InvalidOperationException)
        {
            functionError = true;
        }

        // A Lambda answers with the event it was given (response filled in); an error makes Cognito fail the confirmation.
        var body = Encoding.UTF8.GetBytes(functionError ? JsonSerializer.Serialize(new { errorMessage = "could not add the user to the patient group" }) : lambdaEvent.ToJsonString());
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        if (functionError)
        {
            context.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
        }

        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }
}
