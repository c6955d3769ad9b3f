/**
 * Test data shaped like the API's answers: PluginModels.Entry with the manifests of the built-in
 * syslog, splunk-hec and text-feed plugins (as their Java code declares them), and
 * ConfigurationModels.View.
 */
import type { ConfigField, PluginEntry } from '../../components/schema-form';
import type { ConfigurationView } from './model';

function f(key: string, label: string, type: ConfigField['type'], extra: Partial<ConfigField> = {}): ConfigField {
  return { key, label, type, mandatory: false, defaultValue: null, choices: [], editable: true, helpText: null, placeholder: null, fields: [], ...extra };
}

export const syslogEntry: PluginEntry = {
  manifest: {
    id: 'syslog',
    name: 'Syslog',
    version: '1.0.0',
    module: 'CLS',
    description: 'Sends alerts and events, formatted as CEF, LEEF or JSON, to a syslog server (RFC 5424 or RFC 3164) over UDP, TCP or TLS.',
    minimumPlatformVersion: '0.1.0',
    capabilities: ['PUSH'],
    icon: null,
    configuration: [
      f('host', 'Syslog server', 'TEXT', { mandatory: true, placeholder: 'siem.example.org', helpText: 'Host name or IP address of the syslog server.' }),
      f('port', 'Port', 'NUMBER', { defaultValue: 514, helpText: '514 is usual for UDP and TCP, 6514 for TLS.' }),
      f('protocol', 'Protocol', 'CHOICE', {
        defaultValue: 'TCP',
        choices: [
          { key: 'UDP', label: 'UDP' },
          { key: 'TCP', label: 'TCP' },
          { key: 'TLS', label: 'TLS' },
        ],
      }),
      f('format', 'Syslog format', 'CHOICE', {
        defaultValue: 'RFC5424',
        choices: [
          { key: 'RFC5424', label: 'RFC 5424' },
          { key: 'RFC3164', label: 'RFC 3164 (BSD)' },
        ],
      }),
      f('framing', 'Framing (TCP and TLS)', 'CHOICE', {
        defaultValue: 'octet-counting',
        choices: [
          { key: 'octet-counting', label: 'Octet counting (RFC 6587)' },
          { key: 'newline', label: 'Newline' },
        ],
      }),
      f('facility', 'Facility (0-23)', 'NUMBER', { defaultValue: 16, helpText: '16 is local0.' }),
      f('severity', 'Severity (0-7)', 'NUMBER', { defaultValue: 6, helpText: '6 is informational.' }),
      f('appName', 'Application name', 'TEXT', { defaultValue: 'opence' }),
      f('hostname', 'Host name in the header', 'TEXT', { helpText: "Empty: this machine's host name." }),
      f('caCertificate', 'CA certificate (TLS)', 'TEXTAREA', { placeholder: '-----BEGIN CERTIFICATE-----' }),
      f('verifyTls', 'Verify the TLS certificate', 'BOOLEAN', { defaultValue: true }),
      f('maxMessageBytes', 'Maximum message size (bytes)', 'NUMBER', { defaultValue: 65536 }),
    ],
    dataTypes: ['alerts', 'events'],
    formats: ['cef', 'leef', 'json'],
  },
  source: 'built-in',
  enabled: true,
};

export const splunkEntry: PluginEntry = {
  manifest: {
    id: 'splunk-hec',
    name: 'Splunk HEC',
    version: '1.2.0',
    module: 'CLS',
    description: 'Sends to a Splunk HTTP Event Collector.',
    minimumPlatformVersion: '0.1.0',
    capabilities: ['PUSH'],
    icon: null,
    configuration: [
      f('url', 'HEC URL', 'TEXT', { mandatory: true }),
      f('token', 'HEC token', 'PASSWORD', { mandatory: true }),
      f('index', 'Index', 'TEXT', { editable: false }),
      f('gzip', 'Compress (gzip)', 'BOOLEAN', { defaultValue: true }),
    ],
    dataTypes: ['alerts', 'events'],
    formats: ['json'],
  },
  source: 'built-in',
  enabled: true,
};

export const customClsEntry: PluginEntry = {
  manifest: {
    id: 'old-siem',
    name: 'Old SIEM',
    version: '0.9.0',
    module: 'CLS',
    description: 'A custom plugin, turned off.',
    capabilities: ['PUSH'],
    configuration: [],
    dataTypes: ['alerts'],
    formats: [],
  },
  source: 'custom',
  sha256: 'ab12',
  size: 1234,
  uploadedAt: '2024-05-01T09:00:00Z',
  enabled: false,
};

export const textFeedEntry: PluginEntry = {
  manifest: {
    id: 'text-feed',
    name: 'Text feed',
    version: '1.0.0',
    module: 'CTE',
    description: 'Pulls indicators from a text feed.',
    minimumPlatformVersion: '0.1.0',
    capabilities: ['PULL'],
    icon: null,
    configuration: [
      f('url', 'Feed URL', 'TEXT', { mandatory: true }),
      f('authValue', 'Authentication value', 'PASSWORD'),
      f('severity', 'Severity', 'CHOICE', {
        defaultValue: 'medium',
        choices: [
          { key: 'low', label: 'Low' },
          { key: 'medium', label: 'Medium' },
          { key: 'high', label: 'High' },
        ],
      }),
    ],
    dataTypes: [],
    formats: [],
  },
  source: 'built-in',
  enabled: true,
};

export const catalogue: PluginEntry[] = [syslogEntry, splunkEntry, customClsEntry, textFeedEntry];

export function view(extra: Partial<ConfigurationView> = {}): ConfigurationView {
  return {
    name: 'siem',
    pluginId: 'syslog',
    pluginName: 'Syslog',
    pluginVersion: '1.0.0',
    enabled: true,
    pollIntervalSeconds: 300,
    configuration: {
      host: 'rsyslog.example.org',
      port: 514,
      protocol: 'TCP',
      format: 'RFC5424',
      framing: 'octet-counting',
      facility: 16,
      severity: 6,
      appName: 'opence',
      verifyTls: true,
      maxMessageBytes: 65536,
    },
    health: { lastRunAt: '2024-05-01T09:30:00Z', lastSuccessAt: '2024-05-01T09:30:00Z', healthy: true, lastRunSummary: 'sent 120 records', runs: 12 },
    createdAt: '2024-05-01T09:00:00Z',
    updatedAt: '2024-05-01T09:10:00Z',
    ...extra,
  };
}

export const splunkView = view({
  name: 'splunk',
  pluginId: 'splunk-hec',
  pluginName: 'Splunk HEC',
  pluginVersion: '1.2.0',
  enabled: false,
  configuration: { url: 'https://splunk:8088', token: '********', index: 'netskope', gzip: true },
  health: { lastRunAt: '2024-05-01T09:31:00Z', lastError: 'HEC answered 403: invalid token', healthy: false, runs: 3 },
});
