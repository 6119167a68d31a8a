locals {
  name         = "orleansclinic-${var.environment}"
  cluster_name = local.name
  account_id   = data.aws_caller_identity.current.account_id
  partition    = data.aws_partition.current.partition

  admin_role_arns = distinct(concat([data.aws_iam_session_context.current.issuer_arn], var.admin_role_arns))

  archive_bucket_name = coalesce(var.archive_bucket_name, "orleansclinic-archive-${var.environment}")
  anchor_replica_name = coalesce(var.anchor_replica.bucket_name, "${local.archive_bucket_name}-anchors")

  # Role names are fixed here, so the key and bucket policies can name the roles before they exist.
  role_names = {
    silo                         = "${local.name}-silo"
    gateway                      = "${local.name}-gateway"
    external_secrets             = "${local.name}-external-secrets"
    aws_load_balancer_controller = "${local.name}-aws-load-balancer-controller"
    eks_cluster                  = "${local.name}-eks-cluster"
    archive_replication          = "${local.name}-archive-replication"
  }
  role_arns = { for k, n in local.role_names : k => "arn:${local.partition}:iam::${local.account_id}:role/${n}" }

  service_accounts = {
    silo                         = coalesce(var.service_accounts.silo, "${var.kubernetes_namespace}/silo")
    gateway                      = coalesce(var.service_accounts.gateway, "${var.kubernetes_namespace}/gateway")
    external_secrets             = coalesce(var.service_accounts.external_secrets, "external-secrets/external-secrets")
    aws_load_balancer_controller = coalesce(var.service_accounts.aws_load_balancer_controller, "kube-system/aws-load-balancer-controller")
  }

  dashboard_urls = ["https://${var.domain_name}/dashboard/"]
}
