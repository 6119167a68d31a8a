resource "aws_db_parameter_group" "this" {
  name        = "${var.name}-postgres${var.engine_version}"
  family      = "postgres${var.engine_version}"
  description = "OrleansClinic: TLS only, SCRAM passwords, slow statements logged"

  # Every connection is TLS; a client that asks for plaintext is refused.
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "password_encryption"
    value = "scram-sha-256"
  }

  # Statements slower than a second are logged (durations and text only: the clinic passes values as parameters,
  # and log_parameter_max_length 0 keeps them, which may hold personal details, out of the log).
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }

  parameter {
    name  = "log_parameter_max_length"
    value = "0"
  }

  parameter {
    name  = "log_parameter_max_length_on_error"
    value = "0"
  }

  parameter {
    name         = "max_connections"
    value        = tostring(var.max_connections)
    apply_method = "pending-reboot"
  }

  lifecycle {
    create_before_destroy = true
  }
}
