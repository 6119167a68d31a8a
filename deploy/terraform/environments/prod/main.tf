# OrleansClinic on AWS: the seed's infrastructure (ARCHITECTURE.md, "Infra"). Order of creation follows the
# references below; the README's "Order of apply" lists what must happen by hand between applies.

module "kms" {
  source = "../../modules/kms"

  name                 = local.name
  account_id           = local.account_id
  region               = var.region
  partition            = local.partition
  admin_arns           = local.admin_role_arns
  archive_reader_arns  = var.archive_reader_role_arns
  deletion_window_days = 30

  role_arns = {
    silo                = local.role_arns.silo
    gateway             = local.role_arns.gateway
    external_secrets    = local.role_arns.external_secrets
    eks_cluster         = local.role_arns.eks_cluster
    archive_replication = local.role_arns.archive_replication
  }

  archive_bucket_arns = [
    "arn:${local.partition}:s3:::${local.archive_bucket_name}",
    "arn:${local.partition}:s3:::${local.anchor_replica_name}",
  ]
}

module "network" {
  source = "../../modules/network"

  name                    = local.name
  region                  = var.region
  cluster_name            = local.cluster_name
  vpc_cidr                = var.vpc_cidr
  availability_zones      = var.availability_zones
  nat_gateway_per_az      = var.nat_gateway_per_az
  logs_key_arn            = module.kms.logs_key_arn
  flow_log_retention_days = var.log_retention_days
}

module "eks" {
  source = "../../modules/eks"

  cluster_name         = local.cluster_name
  cluster_role_name    = local.role_names.eks_cluster
  kubernetes_version   = var.kubernetes_version
  private_subnet_ids   = module.network.private_subnet_ids
  public_access_cidrs  = var.eks_public_access_cidrs
  encryption_key_arn   = module.kms.eks_key_arn
  logs_key_arn         = module.kms.logs_key_arn
  log_retention_days   = var.log_retention_days
  admin_principal_arns = local.admin_role_arns
  node_instance_types  = var.node_instance_types
  node_min_size        = var.node_min_size
  node_desired_size    = var.node_min_size
  node_max_size        = var.node_max_size
}

module "database" {
  source = "../../modules/database"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  private_subnet_ids       = module.network.private_subnet_ids
  client_security_group_id = module.eks.cluster_security_group_id
  engine_version           = var.db_engine_version
  instance_class           = var.db_instance_class
  backup_retention_days    = var.db_backup_retention_days
  max_connections          = var.db_max_connections
  storage_key_arn          = module.kms.database_key_arn
  secret_key_arn           = module.kms.secrets_key_arn
  logs_key_arn             = module.kms.logs_key_arn
  log_retention_days       = var.log_retention_days
}

module "messaging" {
  source = "../../modules/messaging"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  private_subnet_ids       = module.network.private_subnet_ids
  client_security_group_id = module.eks.cluster_security_group_id
  kafka_version            = var.kafka_version
  broker_instance_type     = var.msk_broker_instance_type
  iam_auth_enabled         = var.msk_iam_auth_enabled
  storage_key_arn          = module.kms.messaging_key_arn
  logs_key_arn             = module.kms.logs_key_arn
  log_retention_days       = var.log_retention_days
}

module "secrets" {
  source = "../../modules/secrets"

  name        = local.name
  kms_key_arn = module.kms.secrets_key_arn
}

module "storage" {
  source = "../../modules/storage"

  bucket_name             = local.archive_bucket_name
  key_prefix              = var.archive_key_prefix
  kms_key_arn             = module.kms.archive_key_arn
  silo_role_arn           = local.role_arns.silo
  noncurrent_version_days = var.archive_noncurrent_version_days
  retention_backstop_days = var.archive_retention_backstop_days
  replication_role_name   = local.role_names.archive_replication

  anchor_replica = {
    enabled     = var.anchor_replica.enabled
    bucket_name = local.anchor_replica_name
    mode        = var.anchor_replica.mode
    years       = var.anchor_replica.years
  }
}

module "identity" {
  source = "../../modules/identity"

  name                    = local.name
  hosted_ui_domain_prefix = var.cognito_domain_prefix
  dashboard_callback_urls = var.dashboard_callback_urls != null ? var.dashboard_callback_urls : local.dashboard_urls
  dashboard_logout_urls   = var.dashboard_logout_urls != null ? var.dashboard_logout_urls : local.dashboard_urls
  ses_email_identity_arn  = var.cognito_ses_email_identity_arn
  from_email_address      = var.cognito_from_email_address
  logs_key_arn            = module.kms.logs_key_arn
  log_retention_days      = var.log_retention_days
}

module "edge" {
  source = "../../modules/edge"

  name                     = local.name
  domain_name              = var.domain_name
  route53_zone_id          = var.route53_zone_id
  rate_limit_per_5_minutes = var.waf_rate_limit_per_5_minutes
  shield_advanced          = var.shield_advanced
  logs_key_arn             = module.kms.logs_key_arn
  log_retention_days       = var.log_retention_days
}

module "iam" {
  source = "../../modules/iam"

  account_id        = local.account_id
  region            = var.region
  partition         = local.partition
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer
  service_accounts  = local.service_accounts

  role_names = {
    silo                         = local.role_names.silo
    gateway                      = local.role_names.gateway
    external_secrets             = local.role_names.external_secrets
    aws_load_balancer_controller = local.role_names.aws_load_balancer_controller
  }

  vault_key_arn      = module.kms.vault_key_arn
  archive_bucket_arn = module.storage.bucket_arn
  archive_key_prefix = module.storage.key_prefix
  archive_key_arn    = module.kms.archive_key_arn
  secrets_key_arns   = [module.kms.secrets_key_arn, module.kms.messaging_key_arn]

  silo_secret_arns = [
    module.secrets.clinic_service_database_secret_arn,
    module.secrets.blind_index_key_secret_arn,
    module.secrets.twilio_secret_arn,
    module.secrets.sendgrid_secret_arn,
    module.messaging.scram_secret_arn,
  ]

  gateway_secret_arns = [
    module.secrets.clinic_service_database_secret_arn,
    module.secrets.twilio_secret_arn,
    module.messaging.scram_secret_arn,
  ]

  # The owner's credentials too: the migrate job's Kubernetes secret comes from it.
  external_secrets_secret_arns = [
    module.database.master_user_secret_arn,
    module.secrets.clinic_service_database_secret_arn,
    module.secrets.blind_index_key_secret_arn,
    module.secrets.twilio_secret_arn,
    module.secrets.sendgrid_secret_arn,
    module.messaging.scram_secret_arn,
  ]

  msk_cluster_arn      = module.messaging.cluster_arn
  msk_iam_auth_enabled = var.msk_iam_auth_enabled
  user_pool_arn        = module.identity.user_pool_arn
}

module "observability" {
  source = "../../modules/observability"

  name                        = local.name
  logs_key_arn                = module.kms.logs_key_arn
  log_retention_days          = var.log_retention_days
  alarm_emails                = var.alarm_emails
  db_instance_identifier      = module.database.instance_identifier
  db_max_connections          = var.db_max_connections
  msk_cluster_name            = module.messaging.cluster_name
  msk_broker_ids              = module.messaging.broker_ids
  node_autoscaling_group_name = module.eks.node_autoscaling_group_name
  alb_arn_suffix              = var.alb_arn_suffix
  chatbot                     = var.chatbot
}
