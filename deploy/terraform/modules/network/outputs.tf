output "vpc_id" {
  description = "The VPC (the AWS Load Balancer Controller's --aws-vpc-id)."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "The VPC's address range."
  value       = aws_vpc.this.cidr_block
}

output "private_subnet_ids" {
  description = "Private subnets, one per zone: nodes, RDS, MSK."
  value       = aws_subnet.private[*].id
}

output "public_subnet_ids" {
  description = "Public subnets, one per zone: the internet-facing ALB and the NAT gateways."
  value       = aws_subnet.public[*].id
}

output "nat_public_ips" {
  description = "Addresses the clinic's outbound calls come from (for Twilio/SendGrid allow-lists)."
  value       = aws_eip.nat[*].public_ip
}
