using System.ComponentModel;
using System.Diagnostics;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary><c>terraform fmt</c> has nothing to change (it works offline, unlike init and validate).</summary>
public sealed class TerraformFormatTests
{
    [Fact]
    public async Task Every_file_is_formatted_as_terraform_fmt_writes_it()
    {
        var start = new ProcessStartInfo("terraform", ["fmt", "-check", "-recursive", "-list=true", Repository.PathOf("deploy", "terraform")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"terraform (1.6 or later) is not on PATH, so deploy/terraform cannot be checked: {e.Message}");
            return;
        }

        using var terraform = started!;
        var listed = terraform.StandardOutput.ReadToEndAsync();
        var errors = terraform.StandardError.ReadToEndAsync();
        await terraform.WaitForExitAsync();

        Assert.True(terraform.ExitCode == 0, $"terraform fmt -check exited {terraform.ExitCode}; run `terraform fmt -recursive deploy/terraform`. Files:\n{await listed}\n{await errors}");
    }
}
