using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Domain.Identity;
using OrleansClinic.Integrations.HealthcareIdentifiers;
using OrleansClinic.Integrations.MyHealthRecord;

namespace OrleansClinic.Integrations.Tests;

public sealed class AddClinicIntegrationsTests
{
    [Fact]
    public void Without_a_real_adapter_the_placeholders_are_registered()
    {
        using var provider = new ServiceCollection().AddClinicIntegrations().BuildServiceProvider();

        Assert.IsType<NotConfiguredMyHealthRecord>(provider.GetRequiredService<IMyHealthRecord>());
        Assert.IsType<NotConfiguredHealthcareIdentifiersService>(provider.GetRequiredService<IHealthcareIdentifiersService>());
    }

    [Fact]
    public void A_real_adapter_registered_first_is_not_replaced()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IMyHealthRecord, FakeMyHealthRecord>();
        services.AddSingleton<IHealthcareIdentifiersService, FakeHealthcareIdentifiersService>();

        using var provider = services.AddClinicIntegrations().BuildServiceProvider();

        Assert.IsType<FakeMyHealthRecord>(provider.GetRequiredService<IMyHealthRecord>());
        Assert.IsType<FakeHealthcareIdentifiersService>(provider.GetRequiredService<IHealthcareIdentifiersService>());
        Assert.Single(services, d => d.ServiceType == typeof(IMyHealthRecord));
        Assert.Single(services, d => d.ServiceType == typeof(IHealthcareIdentifiersService));
    }

    [Fact]
    public void Calling_it_twice_registers_each_placeholder_once()
    {
        var services = new ServiceCollection().AddClinicIntegrations().AddClinicIntegrations();

        Assert.Single(services, d => d.ServiceType == typeof(IMyHealthRecord));
        Assert.Single(services, d => d.ServiceType == typeof(IHealthcareIdentifiersService));
    }

    private sealed class FakeMyHealthRecord : IMyHealthRecord
    {
        public Task<MhrUploadResult> UploadDocumentAsync(HealthcareIdentifier ihi, MhrDocument document, CancellationToken cancellationToken) =>
            Task.FromResult(new MhrUploadResult("fake-document"));
    }

    private sealed class FakeHealthcareIdentifiersService : IHealthcareIdentifiersService
    {
        public Task<HealthcareIdentifier?> SearchIhiAsync(IhiSearch search, CancellationToken cancellationToken) =>
            Task.FromResult<HealthcareIdentifier?>(null);
    }
}
