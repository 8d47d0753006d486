/**
 * CDK feature flags this app relies on, pinned so an aws-cdk-lib upgrade cannot change the
 * templates silently (the values `cdk init` would write for 2.276.0, limited to the services we
 * use). They are App defaults: the same key in cdk.json or `-c` still wins.
 */
export const FEATURE_FLAGS: Record<string, boolean | string> = {
  '@aws-cdk/core:checkSecretUsage': true,
  '@aws-cdk/core:validateSnapshotRemovalPolicy': true,
  '@aws-cdk/core:enablePartitionLiterals': true,
  '@aws-cdk/core:includePrefixInUniqueNameGeneration': true,
  '@aws-cdk/core:explicitStackTags': true,
  '@aws-cdk/core:aspectPrioritiesMutating': true,
  '@aws-cdk/core:enableAdditionalMetadataCollection': false,
  // Exports: the stateful stack cannot lose a value while the API stack still imports it.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName': true,
  '@aws-cdk/aws-kms:aliasNameRef': true,
  '@aws-cdk/aws-kms:applyImportedAliasPermissionsToPrincipal': true,
  '@aws-cdk/aws-kms:reduceCrossAccountRegionPolicyScope': true,
  // Log delivery by bucket policy: ACL-based delivery cannot work with BucketOwnerEnforced.
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-s3:publicAccessBlockedByDefault': true,
  '@aws-cdk/aws-dynamodb:resourcePolicyPerReplica': true,
  '@aws-cdk/aws-dynamodb:retainTableReplica': true,
  '@aws-cdk/aws-lambda:recognizeLayerVersion': true,
  '@aws-cdk/aws-lambda:useCdkManagedLogGroup': true,
  '@aws-cdk/aws-lambda:createNewPoliciesWithAddToRolePolicy': false,
  '@aws-cdk/aws-apigateway:logGroupDestinationArnWithoutWildcard': true,
  // The portal's distribution sets all three explicitly; pinned so a default never decides.
  '@aws-cdk/aws-cloudfront:defaultSecurityPolicyTLSv1.2_2021': true,
  '@aws-cdk/aws-cloudfront:defaultFunctionRuntimeV2_0': true,
  '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps': true,
};
