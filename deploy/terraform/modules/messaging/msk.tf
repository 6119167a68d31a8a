resource "aws_cloudwatch_log_group" "brokers" {
  name              = "/aws/msk/${var.name}/brokers"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_key_arn
}

# The clinic's durability settings live on the brokers as well as in the producer (docs/events.md): topics are
# created by the operator with replication 3, and a write is acknowledged by at least two replicas.
resource "aws_msk_configuration" "this" {
  name           = "${var.name}-clinic"
  kafka_versions = [var.kafka_version]

  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    num.partitions=${var.partitions_per_topic}
    unclean.leader.election.enable=false
    log.retention.hours=168
  PROPERTIES

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = 3
  enhanced_monitoring    = "PER_BROKER"

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.private_subnet_ids
    security_groups = [aws_security_group.this.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.broker_volume_gib
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.storage_key_arn

    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  client_authentication {
    unauthenticated = false

    sasl {
      scram = true
      iam   = var.iam_auth_enabled
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.brokers.name
      }
    }
  }

  # JMX and node exporters for the ADOT collector's Prometheus scrape (inside the VPC, ports 11001/11002).
  open_monitoring {
    prometheus {
      jmx_exporter {
        enabled_in_broker = true
      }

      node_exporter {
        enabled_in_broker = true
      }
    }
  }
}
