namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>
/// Secrets come only from AWS Secrets Manager through the External Secrets Operator: every secret a pod reads is the
/// target of an ExternalSecret that produces the key it reads, through stores that sign in with IAM roles; and the
/// database connection they carry checks the server's certificate.
/// </summary>
public sealed class SecretTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Renderings), MemberType = typeof(Kustomize))]
    public void Every_secret_a_pod_reads_is_made_by_an_external_secret_with_that_key(string overlay) =>
        Assert.Empty(SecretProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void The_secret_stores_and_the_silos_reach_aws_through_iam_roles_never_keys(string overlay) =>
        Assert.Empty(IdentityProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Renderings), MemberType = typeof(Kustomize))]
    public void Database_connections_verify_the_server_against_a_ca_bundle_mounted_where_the_connection_string_says(string overlay) =>
        Assert.Empty(DatabaseTlsProblems(Kustomize.Overlay(overlay)));

    internal static IEnumerable<string> SecretProblems(IReadOnlyList<Manifest> objects)
    {
        foreach (var secret in objects.Where(o => o.Kind == "Secret"))
        {
            yield return $"{secret} is rendered into the manifests: secrets belong in Secrets Manager.";
        }

        var externalSecrets = objects.Where(o => o.Kind == "ExternalSecret").ToList();
        var reads = (from workload in ContainerTests.Workloads(objects)
                     from container in workload.Containers
                     from read in ContainerEnvironment.SecretsReadBy(container)
                     select (Where: $"{workload}/{container.Text("name")}", read.Secret, read.Key))
            .Concat(from workload in ContainerTests.Workloads(objects)
                    from volume in workload.PodSpec.Items("volumes")
                    where volume.Text("secret", "secretName") is not null
                    select (Where: workload.ToString(), Secret: volume.Text("secret", "secretName")!, Key: (string?)null))
            .ToList();
        if (reads.Count == 0)
        {
            yield return "No workload reads a secret; the database connection string at least must come from one.";
        }

        foreach (var secret in reads.GroupBy(r => r.Secret))
        {
            var maker = externalSecrets.SingleOrDefault(e => (e.Root.Text("spec", "target", "name") ?? e.Name) == secret.Key);
            if (maker is null)
            {
                yield return $"Secret {secret.Key}, read by {string.Join(", ", secret.Select(r => r.Where).Distinct())}, is made by no ExternalSecret.";
                continue;
            }

            foreach (var (where, _, key) in secret.Where(r => r.Key is not null && !Keys(maker).Contains(r.Key)))
            {
                yield return $"{where} reads {secret.Key}[{key}], which {maker} does not produce (it makes {string.Join(", ", Keys(maker))}).";
            }
        }

        foreach (var externalSecret in externalSecrets)
        {
            if (externalSecret.Root.Text("apiVersion") != "external-secrets.io/v1")
            {
                yield return $"{externalSecret} is {externalSecret.Root.Text("apiVersion")}; the External Secrets Operator serves only external-secrets.io/v1 since 0.17.";
            }

            // Each value may come through its own store (data[].sourceRef.storeRef); all of them must exist here.
            var stores = externalSecret.Root.Items("spec", "data").Select(d => d.At("sourceRef", "storeRef")).Where(r => r is not null)
                .Append(externalSecret.Root.At("spec", "secretStoreRef"));
            foreach (var store in stores)
            {
                var kind = store.Text("kind") ?? "SecretStore";
                if (!objects.Any(o => o.Kind == kind && o.Name == store.Text("name")))
                {
                    yield return $"{externalSecret} reads through {kind} {store.Text("name")}, which is not rendered.";
                }
            }
        }
    }

    internal static IEnumerable<string> IdentityProblems(IReadOnlyList<Manifest> objects)
    {
        var stores = objects.Where(o => o.Kind is "SecretStore" or "ClusterSecretStore").ToList();
        if (stores.Count == 0)
        {
            yield return "No SecretStore is rendered.";
        }

        // A store either signs in as a service account of its own (which then needs a role) or, with no auth, as the
        // operator itself (whose role Terraform makes).
        var accounts = new List<string?>();
        foreach (var store in stores)
        {
            var provider = store.Root.At("spec", "provider", "aws");
            if (provider.Text("service") != "SecretsManager")
            {
                yield return $"{store} does not read AWS Secrets Manager.";
            }

            if (provider.At("auth", "secretRef") is not null)
            {
                yield return $"{store} signs in with access keys kept in a Kubernetes secret.";
            }

            if (provider.At("auth", "jwt") is not null)
            {
                accounts.Add(provider.Text("auth", "jwt", "serviceAccountRef", "name"));
            }
        }

        // The silos call KMS (the vault's master key) and S3 (the archive).
        accounts.Add(objects.Single(o => o is { Kind: "Deployment", Name: "silo" }).PodSpec.Text("serviceAccountName"));
        foreach (var name in accounts)
        {
            var account = objects.SingleOrDefault(o => o.Kind == "ServiceAccount" && o.Name == name);
            var role = account?.Root.At("metadata", "annotations").Pairs().GetValueOrDefault("eks.amazonaws.com/role-arn");
            if (role is null || !role.StartsWith("arn:aws:iam::", StringComparison.Ordinal) || !role.Contains(":role/", StringComparison.Ordinal))
            {
                yield return $"Service account {name ?? "(none)"} has no IRSA role (eks.amazonaws.com/role-arn).";
            }
        }
    }

    internal static IEnumerable<string> DatabaseTlsProblems(IReadOnlyList<Manifest> objects)
    {
        var templates = objects.Where(o => o.Kind == "ExternalSecret")
            .SelectMany(e => e.Root.At("spec", "target", "template", "data").Pairs()
                .Where(p => p.Key == "ConnectionStrings__Clinic")
                .Select(p => (Secret: e.Root.Text("spec", "target", "name") ?? e.Name, ConnectionString: p.Value)))
            .ToList();
        if (templates.Count == 0)
        {
            yield return "No ExternalSecret makes ConnectionStrings__Clinic.";
        }

        foreach (var (secret, connectionString) in templates)
        {
            var settings = connectionString.Split(';').Select(s => s.Split('=', 2)).Where(s => s.Length == 2)
                .ToDictionary(s => s[0].Trim(), s => s[1].Trim(), StringComparer.OrdinalIgnoreCase);
            if (settings.GetValueOrDefault("SSL Mode") != "VerifyFull" || settings.GetValueOrDefault("Root Certificate") is not { Length: > 0 } root)
            {
                yield return $"{secret}'s connection string does not verify the database's certificate (SSL Mode=VerifyFull with a Root Certificate).";
                continue;
            }

            // Whoever reads this connection string must have the certificate at that path.
            foreach (var workload in ContainerTests.Workloads(objects))
            {
                foreach (var container in workload.Containers.Where(c => ContainerEnvironment.SecretsReadBy(c).Any(r => r.Secret == secret && r.Key == "ConnectionStrings__Clinic")))
                {
                    var mounted = container.Items("volumeMounts").Any(m => root.StartsWith((m.Text("mountPath") ?? "\0").TrimEnd('/') + "/", StringComparison.Ordinal)
                        && workload.PodSpec.Items("volumes").Any(v => v.Text("name") == m.Text("name") && (v.At("configMap") ?? v.At("secret")) is not null));
                    if (!mounted)
                    {
                        yield return $"{workload}/{container.Text("name")} connects with {secret} but has nothing mounted at {root}.";
                    }
                }
            }
        }
    }

    // With a template, the secret holds exactly the template's keys; without one, the data's secretKeys.
    private static HashSet<string> Keys(Manifest externalSecret) =>
        externalSecret.Root.At("spec", "target", "template", "data") is { } template
            ? [.. template.Pairs().Keys]
            : [.. externalSecret.Root.Items("spec", "data").Select(d => d.Text("secretKey")).OfType<string>()];
}
