export namespace app {
	
	export class AttachmentFile {
	    attachment: document.Attachment;
	    bytes: number[];
	
	    static createFrom(source: any = {}) {
	        return new AttachmentFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.attachment = this.convertValues(source["attachment"], document.Attachment);
	        this.bytes = source["bytes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BackupDownload {
	    fileName: string;
	    bytes: number[];
	
	    static createFrom(source: any = {}) {
	        return new BackupDownload(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fileName = source["fileName"];
	        this.bytes = source["bytes"];
	    }
	}
	export class CompanyLogo {
	    info: settings.Logo;
	    bytes: number[];
	
	    static createFrom(source: any = {}) {
	        return new CompanyLogo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.info = this.convertValues(source["info"], settings.Logo);
	        this.bytes = source["bytes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Conflict {
	    id: string;
	    commandName: string;
	    summary: string;
	    args: number[];
	    reason: apperr.Error;
	    requestId: string;
	    requestNumber: string;
	    serverState: number[];
	    changedBy: string;
	    // Go type: time
	    changedAt: any;
	    // Go type: time
	    at: any;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new Conflict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.commandName = source["commandName"];
	        this.summary = source["summary"];
	        this.args = source["args"];
	        this.reason = this.convertValues(source["reason"], apperr.Error);
	        this.requestId = source["requestId"];
	        this.requestNumber = source["requestNumber"];
	        this.serverState = source["serverState"];
	        this.changedBy = source["changedBy"];
	        this.changedAt = this.convertValues(source["changedAt"], null);
	        this.at = this.convertValues(source["at"], null);
	        this.text = source["text"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Device {
	    id: string;
	    code: string;
	    name: string;
	    account: string;
	    // Go type: time
	    joinedAt: any;
	    // Go type: time
	    lastSync?: any;
	    revoked: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Device(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.code = source["code"];
	        this.name = source["name"];
	        this.account = source["account"];
	        this.joinedAt = this.convertValues(source["joinedAt"], null);
	        this.lastSync = this.convertValues(source["lastSync"], null);
	        this.revoked = source["revoked"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class HealthReport {
	    state: string;
	    problems: string[];
	    // Go type: time
	    checkedAt: any;
	    advice: string[];
	    readOnly: boolean;
	
	    static createFrom(source: any = {}) {
	        return new HealthReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.state = source["state"];
	        this.problems = source["problems"];
	        this.checkedAt = this.convertValues(source["checkedAt"], null);
	        this.advice = source["advice"];
	        this.readOnly = source["readOnly"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Info {
	    version: string;
	    dataDir: string;
	    databasePath: string;
	    schemaVersion: number;
	    latestSchema: number;
	    minPassphrase: number;
	    fingerprint: string;
	
	    static createFrom(source: any = {}) {
	        return new Info(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.dataDir = source["dataDir"];
	        this.databasePath = source["databasePath"];
	        this.schemaVersion = source["schemaVersion"];
	        this.latestSchema = source["latestSchema"];
	        this.minPassphrase = source["minPassphrase"];
	        this.fingerprint = source["fingerprint"];
	    }
	}
	export class JoinInput {
	    server: string;
	    user: string;
	    password: string;
	    deviceCode: string;
	    deviceName: string;
	    fingerprint: string;
	
	    static createFrom(source: any = {}) {
	        return new JoinInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.server = source["server"];
	        this.user = source["user"];
	        this.password = source["password"];
	        this.deviceCode = source["deviceCode"];
	        this.deviceName = source["deviceName"];
	        this.fingerprint = source["fingerprint"];
	    }
	}
	export class ProbeResult {
	    fingerprint: string;
	    teamName: string;
	    tls: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ProbeResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fingerprint = source["fingerprint"];
	        this.teamName = source["teamName"];
	        this.tls = source["tls"];
	    }
	}
	export class ScriptBasics {
	    topics: comm.Topic[];
	    placeholders: comm.Placeholder[];
	
	    static createFrom(source: any = {}) {
	        return new ScriptBasics(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.topics = this.convertValues(source["topics"], comm.Topic);
	        this.placeholders = this.convertValues(source["placeholders"], comm.Placeholder);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SyncStatus {
	    joined: boolean;
	    server: string;
	    account: string;
	    deviceCode: string;
	    online: boolean;
	    syncing: boolean;
	    pending: number;
	    conflicts: number;
	    // Go type: time
	    lastSync?: any;
	    lastError?: apperr.Error;
	    fingerprint: string;
	    isServer: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SyncStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.joined = source["joined"];
	        this.server = source["server"];
	        this.account = source["account"];
	        this.deviceCode = source["deviceCode"];
	        this.online = source["online"];
	        this.syncing = source["syncing"];
	        this.pending = source["pending"];
	        this.conflicts = source["conflicts"];
	        this.lastSync = this.convertValues(source["lastSync"], null);
	        this.lastError = this.convertValues(source["lastError"], apperr.Error);
	        this.fingerprint = source["fingerprint"];
	        this.isServer = source["isServer"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UploadState {
	    id: string;
	    received: number;
	    file?: backup.File;
	
	    static createFrom(source: any = {}) {
	        return new UploadState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.received = source["received"];
	        this.file = this.convertValues(source["file"], backup.File);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ValueQuarter {
	    quarter: string;
	    label: string;
	    current: string;
	    items: store.ValueDue[];
	
	    static createFrom(source: any = {}) {
	        return new ValueQuarter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.quarter = source["quarter"];
	        this.label = source["label"];
	        this.current = source["current"];
	        this.items = this.convertValues(source["items"], store.ValueDue);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace apperr {
	
	export class FieldError {
	    field: string;
	    key: string;
	    params?: Record<string, any>;
	
	    static createFrom(source: any = {}) {
	        return new FieldError(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.key = source["key"];
	        this.params = source["params"];
	    }
	}
	export class Error {
	    code: string;
	    message: string;
	    key?: string;
	    params?: Record<string, any>;
	    fields?: FieldError[];
	
	    static createFrom(source: any = {}) {
	        return new Error(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	        this.key = source["key"];
	        this.params = source["params"];
	        this.fields = this.convertValues(source["fields"], FieldError);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Msg {
	    key: string;
	    params?: Record<string, any>;
	
	    static createFrom(source: any = {}) {
	        return new Msg(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.params = source["params"];
	    }
	}

}

export namespace audit {
	
	export class Change {
	    field: string;
	    before: string;
	    after: string;
	
	    static createFrom(source: any = {}) {
	        return new Change(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.before = source["before"];
	        this.after = source["after"];
	    }
	}
	export class Entry {
	    id: string;
	    // Go type: time
	    at: any;
	    actor: string;
	    entity: string;
	    entityId: string;
	    action: string;
	    changes: Change[];
	
	    static createFrom(source: any = {}) {
	        return new Entry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = this.convertValues(source["at"], null);
	        this.actor = source["actor"];
	        this.entity = source["entity"];
	        this.entityId = source["entityId"];
	        this.action = source["action"];
	        this.changes = this.convertValues(source["changes"], Change);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace backup {
	
	export class File {
	    path: string;
	    name: string;
	    // Go type: time
	    at: any;
	    size: number;
	    automatic: boolean;
	    encrypted: boolean;
	
	    static createFrom(source: any = {}) {
	        return new File(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.name = source["name"];
	        this.at = this.convertValues(source["at"], null);
	        this.size = source["size"];
	        this.automatic = source["automatic"];
	        this.encrypted = source["encrypted"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Pending {
	    source: string;
	    summary: store.Summary;
	    // Go type: time
	    requestedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Pending(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.source = source["source"];
	        this.summary = this.convertValues(source["summary"], store.Summary);
	        this.requestedAt = this.convertValues(source["requestedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Result {
	    source: string;
	    // Go type: time
	    at: any;
	    ok: boolean;
	    kept: string;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.source = source["source"];
	        this.at = this.convertValues(source["at"], null);
	        this.ok = source["ok"];
	        this.kept = source["kept"];
	        this.error = source["error"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace comm {
	
	export class ChecklistItem {
	    id: string;
	    position: number;
	    label: string;
	    maxScore: number;
	    active: boolean;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new ChecklistItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.position = source["position"];
	        this.label = source["label"];
	        this.maxScore = source["maxScore"];
	        this.active = source["active"];
	        this.version = source["version"];
	    }
	}
	export class Config {
	    sampleSize: number;
	    channelSizes: Record<string, number>;
	    passPercent: number;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new Config(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sampleSize = source["sampleSize"];
	        this.channelSizes = source["channelSizes"];
	        this.passPercent = source["passPercent"];
	        this.version = source["version"];
	    }
	}
	export class Def {
	    id: string;
	    label: string;
	    definition: string;
	    target: number;
	
	    static createFrom(source: any = {}) {
	        return new Def(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = source["label"];
	        this.definition = source["definition"];
	        this.target = source["target"];
	    }
	}
	export class Filled {
	    text: string;
	    scriptId: string;
	    revision: number;
	    missing: string[];
	
	    static createFrom(source: any = {}) {
	        return new Filled(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.scriptId = source["scriptId"];
	        this.revision = source["revision"];
	        this.missing = source["missing"];
	    }
	}
	export class MissingTopic {
	    term: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new MissingTopic(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.term = source["term"];
	        this.count = source["count"];
	    }
	}
	export class Placeholder {
	    name: string;
	    hint: string;
	
	    static createFrom(source: any = {}) {
	        return new Placeholder(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.hint = source["hint"];
	    }
	}
	export class Rectification {
	    id: string;
	    checkItemId: string;
	    owner: string;
	    due: string;
	    problem: string;
	    status: string;
	    actionTaken: string;
	    closedBy: string;
	    // Go type: time
	    closedAt: any;
	    // Go type: time
	    createdAt: any;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new Rectification(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.checkItemId = source["checkItemId"];
	        this.owner = source["owner"];
	        this.due = source["due"];
	        this.problem = source["problem"];
	        this.status = source["status"];
	        this.actionTaken = source["actionTaken"];
	        this.closedBy = source["closedBy"];
	        this.closedAt = this.convertValues(source["closedAt"], null);
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Ref {
	    recordId: string;
	    requestId: string;
	    number: string;
	    kind: string;
	    who: string;
	    // Go type: time
	    at: any;
	    counted: boolean;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new Ref(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recordId = source["recordId"];
	        this.requestId = source["requestId"];
	        this.number = source["number"];
	        this.kind = source["kind"];
	        this.who = source["who"];
	        this.at = this.convertValues(source["at"], null);
	        this.counted = source["counted"];
	        this.note = source["note"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Result {
	    def: Def;
	    num: number;
	    den: number;
	    value?: number;
	    met?: boolean;
	    refs: Ref[];
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.def = this.convertValues(source["def"], Def);
	        this.num = source["num"];
	        this.den = source["den"];
	        this.value = source["value"];
	        this.met = source["met"];
	        this.refs = this.convertValues(source["refs"], Ref);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Revision {
	    scriptId: string;
	    revision: number;
	    channel: string;
	    topic: string;
	    title: string;
	    body: string;
	    active: boolean;
	    note: string;
	    changedBy: string;
	    // Go type: time
	    changedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Revision(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.scriptId = source["scriptId"];
	        this.revision = source["revision"];
	        this.channel = source["channel"];
	        this.topic = source["topic"];
	        this.title = source["title"];
	        this.body = source["body"];
	        this.active = source["active"];
	        this.note = source["note"];
	        this.changedBy = source["changedBy"];
	        this.changedAt = this.convertValues(source["changedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Score {
	    itemId: string;
	    label: string;
	    max: number;
	    score: number;
	
	    static createFrom(source: any = {}) {
	        return new Score(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.itemId = source["itemId"];
	        this.label = source["label"];
	        this.max = source["max"];
	        this.score = source["score"];
	    }
	}
	export class Script {
	    id: string;
	    channel: string;
	    topic: string;
	    title: string;
	    body: string;
	    active: boolean;
	    revision: number;
	    updatedBy: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new Script(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.channel = source["channel"];
	        this.topic = source["topic"];
	        this.title = source["title"];
	        this.body = source["body"];
	        this.active = source["active"];
	        this.revision = source["revision"];
	        this.updatedBy = source["updatedBy"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScriptInput {
	    id: string;
	    version: number;
	    channel: string;
	    topic: string;
	    title: string;
	    body: string;
	    active: boolean;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new ScriptInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.version = source["version"];
	        this.channel = source["channel"];
	        this.topic = source["topic"];
	        this.title = source["title"];
	        this.body = source["body"];
	        this.active = source["active"];
	        this.note = source["note"];
	    }
	}
	export class Topic {
	    key: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new Topic(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	    }
	}

}

export namespace command {
	
	export class RectInput {
	    owner: string;
	    due: string;
	    problem: string;
	
	    static createFrom(source: any = {}) {
	        return new RectInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.owner = source["owner"];
	        this.due = source["due"];
	        this.problem = source["problem"];
	    }
	}

}

export namespace customer {
	
	export class Contact {
	    id: string;
	    customerId: string;
	    name: string;
	    title: string;
	    phone: string;
	    email: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new Contact(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.customerId = source["customerId"];
	        this.name = source["name"];
	        this.title = source["title"];
	        this.phone = source["phone"];
	        this.email = source["email"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ContactFields {
	    name: string;
	    title: string;
	    phone: string;
	    email: string;
	
	    static createFrom(source: any = {}) {
	        return new ContactFields(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.title = source["title"];
	        this.phone = source["phone"];
	        this.email = source["email"];
	    }
	}
	export class Customer {
	    id: string;
	    name: string;
	    industry: string;
	    address: string;
	    notes: string;
	    contactCount: number;
	    requestCount: number;
	    duplicates: number;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new Customer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.industry = source["industry"];
	        this.address = source["address"];
	        this.notes = source["notes"];
	        this.contactCount = source["contactCount"];
	        this.requestCount = source["requestCount"];
	        this.duplicates = source["duplicates"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Merge {
	    fromId: string;
	    fromName: string;
	    intoId: string;
	    // Go type: time
	    mergedAt: any;
	    mergedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new Merge(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fromId = source["fromId"];
	        this.fromName = source["fromName"];
	        this.intoId = source["intoId"];
	        this.mergedAt = this.convertValues(source["mergedAt"], null);
	        this.mergedBy = source["mergedBy"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Duplicate {
	    id: string;
	    other: Customer;
	    // Go type: time
	    foundAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Duplicate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.other = this.convertValues(source["other"], Customer);
	        this.foundAt = this.convertValues(source["foundAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Detail {
	    customer: Customer;
	    contacts: Contact[];
	    duplicates: Duplicate[];
	    mergedFrom: Merge[];
	
	    static createFrom(source: any = {}) {
	        return new Detail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.customer = this.convertValues(source["customer"], Customer);
	        this.contacts = this.convertValues(source["contacts"], Contact);
	        this.duplicates = this.convertValues(source["duplicates"], Duplicate);
	        this.mergedFrom = this.convertValues(source["mergedFrom"], Merge);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Fields {
	    name: string;
	    industry: string;
	    address: string;
	    notes: string;
	
	    static createFrom(source: any = {}) {
	        return new Fields(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.industry = source["industry"];
	        this.address = source["address"];
	        this.notes = source["notes"];
	    }
	}
	export class Input {
	    fields: Fields;
	    contacts: ContactFields[];
	
	    static createFrom(source: any = {}) {
	        return new Input(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fields = this.convertValues(source["fields"], Fields);
	        this.contacts = this.convertValues(source["contacts"], ContactFields);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Merged {
	    into: Detail;
	    contacts: number;
	    requests: number;
	
	    static createFrom(source: any = {}) {
	        return new Merged(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.into = this.convertValues(source["into"], Detail);
	        this.contacts = source["contacts"];
	        this.requests = source["requests"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Page {
	    items: Customer[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new Page(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Customer);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Query {
	    search: string;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new Query(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}

}

export namespace document {
	
	export class Attachment {
	    id: string;
	    documentId: string;
	    fileName: string;
	    mime: string;
	    size: number;
	    sha256: string;
	    // Go type: time
	    addedAt: any;
	    addedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new Attachment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.documentId = source["documentId"];
	        this.fileName = source["fileName"];
	        this.mime = source["mime"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	        this.addedAt = this.convertValues(source["addedAt"], null);
	        this.addedBy = source["addedBy"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class AttachmentInput {
	    fileName: string;
	    mime: string;
	    bytes: number[];
	
	    static createFrom(source: any = {}) {
	        return new AttachmentInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fileName = source["fileName"];
	        this.mime = source["mime"];
	        this.bytes = source["bytes"];
	    }
	}
	export class Signature {
	    role: string;
	    signer: string;
	    signerTitle: string;
	    // Go type: time
	    signedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Signature(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.role = source["role"];
	        this.signer = source["signer"];
	        this.signerTitle = source["signerTitle"];
	        this.signedAt = this.convertValues(source["signedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Document {
	    id: string;
	    requestId: string;
	    requestNumber: string;
	    type: string;
	    title: string;
	    version: number;
	    docNumber: string;
	    status: string;
	    statusName: string;
	    sha256: string;
	    size: number;
	    pages: number;
	    basedOn: string;
	    latest: boolean;
	    // Go type: time
	    generatedAt: any;
	    generatedBy: string;
	    signatures: Signature[];
	    attachments: Attachment[];
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    rowVersion: number;
	
	    static createFrom(source: any = {}) {
	        return new Document(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.requestId = source["requestId"];
	        this.requestNumber = source["requestNumber"];
	        this.type = source["type"];
	        this.title = source["title"];
	        this.version = source["version"];
	        this.docNumber = source["docNumber"];
	        this.status = source["status"];
	        this.statusName = source["statusName"];
	        this.sha256 = source["sha256"];
	        this.size = source["size"];
	        this.pages = source["pages"];
	        this.basedOn = source["basedOn"];
	        this.latest = source["latest"];
	        this.generatedAt = this.convertValues(source["generatedAt"], null);
	        this.generatedBy = source["generatedBy"];
	        this.signatures = this.convertValues(source["signatures"], Signature);
	        this.attachments = this.convertValues(source["attachments"], Attachment);
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.rowVersion = source["rowVersion"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SignInput {
	    role: string;
	    signer: string;
	    signerTitle: string;
	    png: number[];
	    verdict: request.Verdict;
	
	    static createFrom(source: any = {}) {
	        return new SignInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.role = source["role"];
	        this.signer = source["signer"];
	        this.signerTitle = source["signerTitle"];
	        this.png = source["png"];
	        this.verdict = this.convertValues(source["verdict"], request.Verdict);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Signed {
	    document: Document;
	    recorded: string;
	    step: string;
	    stepName: string;
	    blocked: string;
	
	    static createFrom(source: any = {}) {
	        return new Signed(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.document = this.convertValues(source["document"], Document);
	        this.recorded = source["recorded"];
	        this.step = source["step"];
	        this.stepName = source["stepName"];
	        this.blocked = source["blocked"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Signer {
	    role: string;
	    label: string;
	    seal: boolean;
	    confirms: string;
	
	    static createFrom(source: any = {}) {
	        return new Signer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.role = source["role"];
	        this.label = source["label"];
	        this.seal = source["seal"];
	        this.confirms = source["confirms"];
	    }
	}
	export class TypeInfo {
	    type: string;
	    title: string;
	    name: string;
	    code: string;
	    perRequest: boolean;
	    signers: Signer[];
	    needs: string;
	
	    static createFrom(source: any = {}) {
	        return new TypeInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.title = source["title"];
	        this.name = source["name"];
	        this.code = source["code"];
	        this.perRequest = source["perRequest"];
	        this.signers = this.convertValues(source["signers"], Signer);
	        this.needs = source["needs"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace people {
	
	export class Fields {
	    name: string;
	    department: string;
	    roles: string[];
	    phone: string;
	    email: string;
	    active: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Fields(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.department = source["department"];
	        this.roles = source["roles"];
	        this.phone = source["phone"];
	        this.email = source["email"];
	        this.active = source["active"];
	    }
	}
	export class Person {
	    id: string;
	    name: string;
	    department: string;
	    roles: string[];
	    phone: string;
	    email: string;
	    active: boolean;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new Person(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.department = source["department"];
	        this.roles = source["roles"];
	        this.phone = source["phone"];
	        this.email = source["email"];
	        this.active = source["active"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace report {
	
	export class Texts {
	    proposals: Record<string, string>;
	    problems: string;
	    measures: string;
	
	    static createFrom(source: any = {}) {
	        return new Texts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.proposals = source["proposals"];
	        this.problems = source["problems"];
	        this.measures = source["measures"];
	    }
	}
	export class ChannelResponse {
	    channel: string;
	    standard: string;
	    received: number;
	    responded: number;
	    avgHours?: number;
	    maxHours?: number;
	    measured: number;
	    met: number;
	    rate?: number;
	
	    static createFrom(source: any = {}) {
	        return new ChannelResponse(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.channel = source["channel"];
	        this.standard = source["standard"];
	        this.received = source["received"];
	        this.responded = source["responded"];
	        this.avgHours = source["avgHours"];
	        this.maxHours = source["maxHours"];
	        this.measured = source["measured"];
	        this.met = source["met"];
	        this.rate = source["rate"];
	    }
	}
	export class Count {
	    key: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new Count(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.count = source["count"];
	    }
	}
	export class MonthPoint {
	    key: string;
	    label: string;
	    received: number;
	    solved: number;
	    onTimeResolve?: number;
	    satisfaction?: number;
	    responseHours?: number;
	
	    static createFrom(source: any = {}) {
	        return new MonthPoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.received = source["received"];
	        this.solved = source["solved"];
	        this.onTimeResolve = source["onTimeResolve"];
	        this.satisfaction = source["satisfaction"];
	        this.responseHours = source["responseHours"];
	    }
	}
	export class Target {
	    op: string;
	    value: number;
	    relative: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Target(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.op = source["op"];
	        this.value = source["value"];
	        this.relative = source["relative"];
	    }
	}
	export class Attainment {
	    target?: Target;
	    met?: boolean;
	    change?: number;
	    text: string;
	    explain: string;
	
	    static createFrom(source: any = {}) {
	        return new Attainment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.target = this.convertValues(source["target"], Target);
	        this.met = source["met"];
	        this.change = source["change"];
	        this.text = source["text"];
	        this.explain = source["explain"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Value {
	    id: string;
	    value?: number;
	    n: number;
	    hits: number;
	
	    static createFrom(source: any = {}) {
	        return new Value(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.value = source["value"];
	        this.n = source["n"];
	        this.hits = source["hits"];
	    }
	}
	export class Reached {
	    value: Value;
	    baseline: Value;
	    attainment: Attainment;
	
	    static createFrom(source: any = {}) {
	        return new Reached(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = this.convertValues(source["value"], Value);
	        this.baseline = this.convertValues(source["baseline"], Value);
	        this.attainment = this.convertValues(source["attainment"], Attainment);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Goal {
	    id: string;
	    name: string;
	    unit: string;
	    kind: string;
	    higher: boolean;
	    definition: string;
	    records: boolean;
	    phases: Reached[];
	    year: Reached;
	    months: number[];
	    target: Attainment;
	    record: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Goal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.unit = source["unit"];
	        this.kind = source["kind"];
	        this.higher = source["higher"];
	        this.definition = source["definition"];
	        this.records = source["records"];
	        this.phases = this.convertValues(source["phases"], Reached);
	        this.year = this.convertValues(source["year"], Reached);
	        this.months = source["months"];
	        this.target = this.convertValues(source["target"], Attainment);
	        this.record = source["record"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Phase {
	    key: string;
	    name: string;
	    period: Period;
	
	    static createFrom(source: any = {}) {
	        return new Phase(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.name = source["name"];
	        this.period = this.convertValues(source["period"], Period);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Period {
	    kind: string;
	    key: string;
	    label: string;
	    // Go type: time
	    from: any;
	    // Go type: time
	    to: any;
	
	    static createFrom(source: any = {}) {
	        return new Period(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.key = source["key"];
	        this.label = source["label"];
	        this.from = this.convertValues(source["from"], null);
	        this.to = this.convertValues(source["to"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Annual {
	    period: Period;
	    department: string;
	    // Go type: time
	    generated: any;
	    phases: Phase[];
	    goals: Goal[];
	    months: MonthPoint[];
	    received: number;
	    complaints: Count[];
	    channels: ChannelResponse[];
	    findings: string[];
	    texts: Texts;
	
	    static createFrom(source: any = {}) {
	        return new Annual(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], Period);
	        this.department = source["department"];
	        this.generated = this.convertValues(source["generated"], null);
	        this.phases = this.convertValues(source["phases"], Phase);
	        this.goals = this.convertValues(source["goals"], Goal);
	        this.months = this.convertValues(source["months"], MonthPoint);
	        this.received = source["received"];
	        this.complaints = this.convertValues(source["complaints"], Count);
	        this.channels = this.convertValues(source["channels"], ChannelResponse);
	        this.findings = source["findings"];
	        this.texts = this.convertValues(source["texts"], Texts);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Backlog {
	    stage: string;
	    name: string;
	    count: number;
	    byAge: number[];
	
	    static createFrom(source: any = {}) {
	        return new Backlog(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.stage = source["stage"];
	        this.name = source["name"];
	        this.count = source["count"];
	        this.byAge = source["byAge"];
	    }
	}
	
	export class CheckChannel {
	    channel: string;
	    scored: number;
	    passed: number;
	    rate?: number;
	
	    static createFrom(source: any = {}) {
	        return new CheckChannel(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.channel = source["channel"];
	        this.scored = source["scored"];
	        this.passed = source["passed"];
	        this.rate = source["rate"];
	    }
	}
	export class CheckPoint {
	    label: string;
	    max: number;
	    n: number;
	    avg?: number;
	    share?: number;
	
	    static createFrom(source: any = {}) {
	        return new CheckPoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.label = source["label"];
	        this.max = source["max"];
	        this.n = source["n"];
	        this.avg = source["avg"];
	        this.share = source["share"];
	    }
	}
	export class CheckSummary {
	    scored: number;
	    passed: number;
	    rate?: number;
	    channels: CheckChannel[];
	    points: CheckPoint[];
	    rectOpened: number;
	    rectClosed: number;
	
	    static createFrom(source: any = {}) {
	        return new CheckSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.scored = source["scored"];
	        this.passed = source["passed"];
	        this.rate = source["rate"];
	        this.channels = this.convertValues(source["channels"], CheckChannel);
	        this.points = this.convertValues(source["points"], CheckPoint);
	        this.rectOpened = source["rectOpened"];
	        this.rectClosed = source["rectClosed"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Config {
	    targets: Record<string, Target>;
	    improvementTypes: string[];
	    complaintTypes: string[];
	    plan004Targets: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Config(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.targets = this.convertValues(source["targets"], Target, true);
	        this.improvementTypes = source["improvementTypes"];
	        this.complaintTypes = source["complaintTypes"];
	        this.plan004Targets = source["plan004Targets"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ConfigView {
	    improvementTypes: string[];
	    complaintTypes: string[];
	
	    static createFrom(source: any = {}) {
	        return new ConfigView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.improvementTypes = source["improvementTypes"];
	        this.complaintTypes = source["complaintTypes"];
	    }
	}
	
	export class Def {
	    id: string;
	    name: string;
	    unit: string;
	    kind: string;
	    higher: boolean;
	    definition: string;
	    records: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Def(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.unit = source["unit"];
	        this.kind = source["kind"];
	        this.higher = source["higher"];
	        this.definition = source["definition"];
	        this.records = source["records"];
	    }
	}
	export class Term {
	    term: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new Term(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.term = source["term"];
	        this.count = source["count"];
	    }
	}
	export class Group {
	    key: string;
	    open: number;
	    values: Value[];
	
	    static createFrom(source: any = {}) {
	        return new Group(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.open = source["open"];
	        this.values = this.convertValues(source["values"], Value);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Point {
	    requestId: string;
	    number: string;
	    title: string;
	    urgency: string;
	    customerValue: number;
	    businessValue: number;
	    costDays: number;
	
	    static createFrom(source: any = {}) {
	        return new Point(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.requestId = source["requestId"];
	        this.number = source["number"];
	        this.title = source["title"];
	        this.urgency = source["urgency"];
	        this.customerValue = source["customerValue"];
	        this.businessValue = source["businessValue"];
	        this.costDays = source["costDays"];
	    }
	}
	export class Result {
	    id: string;
	    name: string;
	    unit: string;
	    kind: string;
	    higher: boolean;
	    definition: string;
	    records: boolean;
	    value: Value;
	    previous: Value;
	    baseline: Value;
	    attainment: Attainment;
	    trend: number[];
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.unit = source["unit"];
	        this.kind = source["kind"];
	        this.higher = source["higher"];
	        this.definition = source["definition"];
	        this.records = source["records"];
	        this.value = this.convertValues(source["value"], Value);
	        this.previous = this.convertValues(source["previous"], Value);
	        this.baseline = this.convertValues(source["baseline"], Value);
	        this.attainment = this.convertValues(source["attainment"], Attainment);
	        this.trend = source["trend"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Dashboard {
	    period: Period;
	    previous: Period;
	    baseline: Period;
	    inProgress: boolean;
	    department: string;
	    // Go type: time
	    now: any;
	    kpis: Result[];
	    onTime: Result[];
	    plan004: Result[];
	    scores: Result[];
	    months: MonthPoint[];
	    types: Count[];
	    channels: Count[];
	    categories: Count[];
	    urgencies: Count[];
	    backlog: Backlog[];
	    openTotal: number;
	    quadrant: Point[];
	    departments: Group[];
	    owners: Group[];
	    topTerms: Term[];
	    groupMeasures: Def[];
	    risks: request.Alert[];
	    breached: number;
	    dueSoon: number;
	
	    static createFrom(source: any = {}) {
	        return new Dashboard(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], Period);
	        this.previous = this.convertValues(source["previous"], Period);
	        this.baseline = this.convertValues(source["baseline"], Period);
	        this.inProgress = source["inProgress"];
	        this.department = source["department"];
	        this.now = this.convertValues(source["now"], null);
	        this.kpis = this.convertValues(source["kpis"], Result);
	        this.onTime = this.convertValues(source["onTime"], Result);
	        this.plan004 = this.convertValues(source["plan004"], Result);
	        this.scores = this.convertValues(source["scores"], Result);
	        this.months = this.convertValues(source["months"], MonthPoint);
	        this.types = this.convertValues(source["types"], Count);
	        this.channels = this.convertValues(source["channels"], Count);
	        this.categories = this.convertValues(source["categories"], Count);
	        this.urgencies = this.convertValues(source["urgencies"], Count);
	        this.backlog = this.convertValues(source["backlog"], Backlog);
	        this.openTotal = source["openTotal"];
	        this.quadrant = this.convertValues(source["quadrant"], Point);
	        this.departments = this.convertValues(source["departments"], Group);
	        this.owners = this.convertValues(source["owners"], Group);
	        this.topTerms = this.convertValues(source["topTerms"], Term);
	        this.groupMeasures = this.convertValues(source["groupMeasures"], Def);
	        this.risks = this.convertValues(source["risks"], request.Alert);
	        this.breached = source["breached"];
	        this.dueSoon = source["dueSoon"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class QualityValue {
	    id: string;
	    name: string;
	    definition: string;
	    target: number;
	    num: number;
	    den: number;
	    value?: number;
	    met?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new QualityValue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.definition = source["definition"];
	        this.target = source["target"];
	        this.num = source["num"];
	        this.den = source["den"];
	        this.value = source["value"];
	        this.met = source["met"];
	    }
	}
	export class RecordCompleteness {
	    channel: string;
	    records: number;
	    complete: number;
	    rate?: number;
	
	    static createFrom(source: any = {}) {
	        return new RecordCompleteness(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.channel = source["channel"];
	        this.records = source["records"];
	        this.complete = source["complete"];
	        this.rate = source["rate"];
	    }
	}
	export class Diagnosis {
	    period: Period;
	    department: string;
	    // Go type: time
	    generated: any;
	    received: number;
	    summary: string;
	    channels: ChannelResponse[];
	    indicators: Result[];
	    complaints: number;
	    causes: Count[];
	    statuses: Count[];
	    records: RecordCompleteness[];
	    recordTotal: RecordCompleteness;
	    missing: Count[];
	    checks: CheckSummary;
	    quality: QualityValue[];
	    findings: string[];
	    texts: Texts;
	
	    static createFrom(source: any = {}) {
	        return new Diagnosis(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], Period);
	        this.department = source["department"];
	        this.generated = this.convertValues(source["generated"], null);
	        this.received = source["received"];
	        this.summary = source["summary"];
	        this.channels = this.convertValues(source["channels"], ChannelResponse);
	        this.indicators = this.convertValues(source["indicators"], Result);
	        this.complaints = source["complaints"];
	        this.causes = this.convertValues(source["causes"], Count);
	        this.statuses = this.convertValues(source["statuses"], Count);
	        this.records = this.convertValues(source["records"], RecordCompleteness);
	        this.recordTotal = this.convertValues(source["recordTotal"], RecordCompleteness);
	        this.missing = this.convertValues(source["missing"], Count);
	        this.checks = this.convertValues(source["checks"], CheckSummary);
	        this.quality = this.convertValues(source["quality"], QualityValue);
	        this.findings = source["findings"];
	        this.texts = this.convertValues(source["texts"], Texts);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	export class Problem {
	    term: string;
	    count: number;
	    examples: string[];
	    proposal: string;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.term = source["term"];
	        this.count = source["count"];
	        this.examples = source["examples"];
	        this.proposal = source["proposal"];
	    }
	}
	export class Monthly {
	    period: Period;
	    department: string;
	    due: string;
	    // Go type: time
	    generated: any;
	    received: number;
	    types: Count[];
	    channels: Count[];
	    indicators: Result[];
	    scores: Result[];
	    problems: Problem[];
	    summary: string;
	    backlog: Backlog[];
	    months: MonthPoint[];
	    texts: Texts;
	    config: ConfigView;
	
	    static createFrom(source: any = {}) {
	        return new Monthly(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], Period);
	        this.department = source["department"];
	        this.due = source["due"];
	        this.generated = this.convertValues(source["generated"], null);
	        this.received = source["received"];
	        this.types = this.convertValues(source["types"], Count);
	        this.channels = this.convertValues(source["channels"], Count);
	        this.indicators = this.convertValues(source["indicators"], Result);
	        this.scores = this.convertValues(source["scores"], Result);
	        this.problems = this.convertValues(source["problems"], Problem);
	        this.summary = source["summary"];
	        this.backlog = this.convertValues(source["backlog"], Backlog);
	        this.months = this.convertValues(source["months"], MonthPoint);
	        this.texts = this.convertValues(source["texts"], Texts);
	        this.config = this.convertValues(source["config"], ConfigView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	
	export class Quarterly {
	    period: Period;
	    previous: Period;
	    department: string;
	    // Go type: time
	    generated: any;
	    indicators: Result[];
	    scores: Result[];
	    months: MonthPoint[];
	    types: Count[];
	    findings: string[];
	    plan004: Result[];
	    departments: Group[];
	    groupMeasures: Def[];
	    texts: Texts;
	    config: ConfigView;
	
	    static createFrom(source: any = {}) {
	        return new Quarterly(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], Period);
	        this.previous = this.convertValues(source["previous"], Period);
	        this.department = source["department"];
	        this.generated = this.convertValues(source["generated"], null);
	        this.indicators = this.convertValues(source["indicators"], Result);
	        this.scores = this.convertValues(source["scores"], Result);
	        this.months = this.convertValues(source["months"], MonthPoint);
	        this.types = this.convertValues(source["types"], Count);
	        this.findings = source["findings"];
	        this.plan004 = this.convertValues(source["plan004"], Result);
	        this.departments = this.convertValues(source["departments"], Group);
	        this.groupMeasures = this.convertValues(source["groupMeasures"], Def);
	        this.texts = this.convertValues(source["texts"], Texts);
	        this.config = this.convertValues(source["config"], ConfigView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	
	

}

export namespace request {
	
	export class Alert {
	    requestId: string;
	    number: string;
	    title: string;
	    customer: string;
	    urgency: string;
	    owner: string;
	    kind: string;
	    state: string;
	    // Go type: time
	    due: any;
	    remaining: number;
	    escalated: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Alert(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.requestId = source["requestId"];
	        this.number = source["number"];
	        this.title = source["title"];
	        this.customer = source["customer"];
	        this.urgency = source["urgency"];
	        this.owner = source["owner"];
	        this.kind = source["kind"];
	        this.state = source["state"];
	        this.due = this.convertValues(source["due"], null);
	        this.remaining = source["remaining"];
	        this.escalated = source["escalated"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class AlertList {
	    items: Alert[];
	    breached: number;
	    dueSoon: number;
	
	    static createFrom(source: any = {}) {
	        return new AlertList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Alert);
	        this.breached = source["breached"];
	        this.dueSoon = source["dueSoon"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ClockBadge {
	    kind: string;
	    state: string;
	    // Go type: time
	    due: any;
	    remaining: number;
	
	    static createFrom(source: any = {}) {
	        return new ClockBadge(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.state = source["state"];
	        this.due = this.convertValues(source["due"], null);
	        this.remaining = source["remaining"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SnippetPart {
	    text: string;
	    hit?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SnippetPart(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.hit = source["hit"];
	    }
	}
	export class Snippet {
	    field: string;
	    parts: SnippetPart[];
	
	    static createFrom(source: any = {}) {
	        return new Snippet(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.parts = this.convertValues(source["parts"], SnippetPart);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Row {
	    id: string;
	    number: string;
	    customerId: string;
	    customerName: string;
	    contactName: string;
	    contactInfo: string;
	    channel: string;
	    type: string;
	    urgency: string;
	    title: string;
	    // Go type: time
	    receivedAt: any;
	    receivedBy: string;
	    status: string;
	    owner: string;
	    department: string;
	    // Go type: time
	    updatedAt: any;
	    clock?: ClockBadge;
	    snippet?: Snippet;
	
	    static createFrom(source: any = {}) {
	        return new Row(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.number = source["number"];
	        this.customerId = source["customerId"];
	        this.customerName = source["customerName"];
	        this.contactName = source["contactName"];
	        this.contactInfo = source["contactInfo"];
	        this.channel = source["channel"];
	        this.type = source["type"];
	        this.urgency = source["urgency"];
	        this.title = source["title"];
	        this.receivedAt = this.convertValues(source["receivedAt"], null);
	        this.receivedBy = source["receivedBy"];
	        this.status = source["status"];
	        this.owner = source["owner"];
	        this.department = source["department"];
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.clock = this.convertValues(source["clock"], ClockBadge);
	        this.snippet = this.convertValues(source["snippet"], Snippet);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Column {
	    status: string;
	    total: number;
	    items: Row[];
	
	    static createFrom(source: any = {}) {
	        return new Column(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.total = source["total"];
	        this.items = this.convertValues(source["items"], Row);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Complaint {
	    // Go type: time
	    receivedAt: any;
	    channel: string;
	    complainant: string;
	    cause: string;
	    content: string;
	    status: string;
	    investigator: string;
	    // Go type: time
	    acceptedAt: any;
	    findings: string;
	    responsible: string;
	    measures: string;
	    answer: string;
	    // Go type: time
	    answeredAt: any;
	    answeredBy: string;
	    accepted?: boolean;
	    // Go type: time
	    closedAt: any;
	    closingNote: string;
	
	    static createFrom(source: any = {}) {
	        return new Complaint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.receivedAt = this.convertValues(source["receivedAt"], null);
	        this.channel = source["channel"];
	        this.complainant = source["complainant"];
	        this.cause = source["cause"];
	        this.content = source["content"];
	        this.status = source["status"];
	        this.investigator = source["investigator"];
	        this.acceptedAt = this.convertValues(source["acceptedAt"], null);
	        this.findings = source["findings"];
	        this.responsible = source["responsible"];
	        this.measures = source["measures"];
	        this.answer = source["answer"];
	        this.answeredAt = this.convertValues(source["answeredAt"], null);
	        this.answeredBy = source["answeredBy"];
	        this.accepted = source["accepted"];
	        this.closedAt = this.convertValues(source["closedAt"], null);
	        this.closingNote = source["closingNote"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ComplaintInput {
	    // Go type: time
	    receivedAt: any;
	    channel: string;
	    complainant: string;
	    cause: string;
	    content: string;
	    investigator: string;
	    findings: string;
	    responsible: string;
	    measures: string;
	    answer: string;
	    // Go type: time
	    answeredAt: any;
	    accepted?: boolean;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new ComplaintInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.receivedAt = this.convertValues(source["receivedAt"], null);
	        this.channel = source["channel"];
	        this.complainant = source["complainant"];
	        this.cause = source["cause"];
	        this.content = source["content"];
	        this.investigator = source["investigator"];
	        this.findings = source["findings"];
	        this.responsible = source["responsible"];
	        this.measures = source["measures"];
	        this.answer = source["answer"];
	        this.answeredAt = this.convertValues(source["answeredAt"], null);
	        this.accepted = source["accepted"];
	        this.note = source["note"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Escalation {
	    id: string;
	    requestId: string;
	    // Go type: time
	    at: any;
	    reason: string;
	    clock: string;
	    recipient: string;
	    note: string;
	    actor: string;
	
	    static createFrom(source: any = {}) {
	        return new Escalation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.requestId = source["requestId"];
	        this.at = this.convertValues(source["at"], null);
	        this.reason = source["reason"];
	        this.clock = source["clock"];
	        this.recipient = source["recipient"];
	        this.note = source["note"];
	        this.actor = source["actor"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Option {
	    action: string;
	    name: string;
	    to: string;
	    blocked: string;
	    reason?: apperr.Msg;
	    expected: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Option(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.action = source["action"];
	        this.name = source["name"];
	        this.to = source["to"];
	        this.blocked = source["blocked"];
	        this.reason = this.convertValues(source["reason"], apperr.Msg);
	        this.expected = source["expected"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Transition {
	    id: string;
	    // Go type: time
	    at: any;
	    actor: string;
	    action: string;
	    from: string;
	    to: string;
	    comment: string;
	
	    static createFrom(source: any = {}) {
	        return new Transition(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = this.convertValues(source["at"], null);
	        this.actor = source["actor"];
	        this.action = source["action"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.comment = source["comment"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Record {
	    id: string;
	    requestId: string;
	    kind: string;
	    parentId: string;
	    body: any;
	    createdBy: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new Record(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.requestId = source["requestId"];
	        this.kind = source["kind"];
	        this.parentId = source["parentId"];
	        this.body = source["body"];
	        this.createdBy = source["createdBy"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class State {
	    path: string;
	    greenChannel: boolean;
	    heldFrom: string;
	    followUpOn: string;
	    statusReason: string;
	    duplicateOf: string;
	    reopenCount: number;
	
	    static createFrom(source: any = {}) {
	        return new State(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.greenChannel = source["greenChannel"];
	        this.heldFrom = source["heldFrom"];
	        this.followUpOn = source["followUpOn"];
	        this.statusReason = source["statusReason"];
	        this.duplicateOf = source["duplicateOf"];
	        this.reopenCount = source["reopenCount"];
	    }
	}
	export class Fields {
	    customerId: string;
	    contactId: string;
	    contactName: string;
	    contactInfo: string;
	    channel: string;
	    type: string;
	    category: string;
	    urgency: string;
	    impactScope: string;
	    title: string;
	    description: string;
	    background: string;
	    expectedOutcome: string;
	    timeRequirement: string;
	    scene: string;
	    product: string;
	    // Go type: time
	    receivedAt: any;
	    receivedBy: string;
	    owner: string;
	    department: string;
	
	    static createFrom(source: any = {}) {
	        return new Fields(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.customerId = source["customerId"];
	        this.contactId = source["contactId"];
	        this.contactName = source["contactName"];
	        this.contactInfo = source["contactInfo"];
	        this.channel = source["channel"];
	        this.type = source["type"];
	        this.category = source["category"];
	        this.urgency = source["urgency"];
	        this.impactScope = source["impactScope"];
	        this.title = source["title"];
	        this.description = source["description"];
	        this.background = source["background"];
	        this.expectedOutcome = source["expectedOutcome"];
	        this.timeRequirement = source["timeRequirement"];
	        this.scene = source["scene"];
	        this.product = source["product"];
	        this.receivedAt = this.convertValues(source["receivedAt"], null);
	        this.receivedBy = source["receivedBy"];
	        this.owner = source["owner"];
	        this.department = source["department"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Request {
	    id: string;
	    number: string;
	    status: string;
	    customerName: string;
	    fields: Fields;
	    state: State;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new Request(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.number = source["number"];
	        this.status = source["status"];
	        this.customerName = source["customerName"];
	        this.fields = this.convertValues(source["fields"], Fields);
	        this.state = this.convertValues(source["state"], State);
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Detail {
	    request: Request;
	    customer: customer.Customer;
	    contact?: customer.Contact;
	    history: audit.Entry[];
	    records: Record[];
	    transitions: Transition[];
	    options: Option[];
	    clocks: sla.Measure[];
	    escalations: Escalation[];
	
	    static createFrom(source: any = {}) {
	        return new Detail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.request = this.convertValues(source["request"], Request);
	        this.customer = this.convertValues(source["customer"], customer.Customer);
	        this.contact = this.convertValues(source["contact"], customer.Contact);
	        this.history = this.convertValues(source["history"], audit.Entry);
	        this.records = this.convertValues(source["records"], Record);
	        this.transitions = this.convertValues(source["transitions"], Transition);
	        this.options = this.convertValues(source["options"], Option);
	        this.clocks = this.convertValues(source["clocks"], sla.Measure);
	        this.escalations = this.convertValues(source["escalations"], Escalation);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Drill {
	    measure: string;
	    part: string;
	    from: string;
	    to: string;
	    department: string;
	    dim: string;
	    key: string;
	    stage: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new Drill(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.measure = source["measure"];
	        this.part = source["part"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.department = source["department"];
	        this.dim = source["dim"];
	        this.key = source["key"];
	        this.stage = source["stage"];
	        this.label = source["label"];
	    }
	}
	
	
	export class ImportProblem {
	    sheet: string;
	    row: number;
	    column: string;
	    header: string;
	    field: string;
	    value: string;
	    message: string;
	    ref: apperr.Msg;
	
	    static createFrom(source: any = {}) {
	        return new ImportProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sheet = source["sheet"];
	        this.row = source["row"];
	        this.column = source["column"];
	        this.header = source["header"];
	        this.field = source["field"];
	        this.value = source["value"];
	        this.message = source["message"];
	        this.ref = this.convertValues(source["ref"], apperr.Msg);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportReport {
	    dryRun: boolean;
	    applied: boolean;
	    rows: number;
	    created: number;
	    updated: number;
	    skipped: number;
	    customersCreated: number;
	    contactsCreated: number;
	    invalidRows: number;
	    problemCount: number;
	    problems: ImportProblem[];
	    notes: string[];
	    noteKeys: apperr.Msg[];
	    sheets: string[];
	
	    static createFrom(source: any = {}) {
	        return new ImportReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dryRun = source["dryRun"];
	        this.applied = source["applied"];
	        this.rows = source["rows"];
	        this.created = source["created"];
	        this.updated = source["updated"];
	        this.skipped = source["skipped"];
	        this.customersCreated = source["customersCreated"];
	        this.contactsCreated = source["contactsCreated"];
	        this.invalidRows = source["invalidRows"];
	        this.problemCount = source["problemCount"];
	        this.problems = this.convertValues(source["problems"], ImportProblem);
	        this.notes = source["notes"];
	        this.noteKeys = this.convertValues(source["noteKeys"], apperr.Msg);
	        this.sheets = source["sheets"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Move {
	    action: string;
	    comment: string;
	    reason: string;
	    // Go type: time
	    followUp: any;
	    duplicateOf: string;
	    owner: string;
	    department: string;
	    path: string;
	    greenChannel: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Move(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.action = source["action"];
	        this.comment = source["comment"];
	        this.reason = source["reason"];
	        this.followUp = this.convertValues(source["followUp"], null);
	        this.duplicateOf = source["duplicateOf"];
	        this.owner = source["owner"];
	        this.department = source["department"];
	        this.path = source["path"];
	        this.greenChannel = source["greenChannel"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Page {
	    items: Row[];
	    total: number;
	    totalExact: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Page(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Row);
	        this.total = source["total"];
	        this.totalExact = source["totalExact"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StatusInfo {
	    status: string;
	    paths: string[];
	    stage: string;
	    backlog: string;
	    percent: number;
	    closed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new StatusInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.paths = source["paths"];
	        this.stage = source["stage"];
	        this.backlog = source["backlog"];
	        this.percent = source["percent"];
	        this.closed = source["closed"];
	    }
	}
	export class Process {
	    statuses: StatusInfo[];
	    closedTaskStatuses: string[];
	    greenChannelUrgencies: string[];
	
	    static createFrom(source: any = {}) {
	        return new Process(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.statuses = this.convertValues(source["statuses"], StatusInfo);
	        this.closedTaskStatuses = source["closedTaskStatuses"];
	        this.greenChannelUrgencies = source["greenChannelUrgencies"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Query {
	    search: string;
	    statuses: string[];
	    urgencies: string[];
	    types: string[];
	    channels: string[];
	    customerId: string;
	    owner: string;
	    receivedFrom: string;
	    receivedTo: string;
	    sort: string;
	    desc: boolean;
	    offset: number;
	    limit: number;
	    drill?: Drill;
	    exactTotal?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Query(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.statuses = source["statuses"];
	        this.urgencies = source["urgencies"];
	        this.types = source["types"];
	        this.channels = source["channels"];
	        this.customerId = source["customerId"];
	        this.owner = source["owner"];
	        this.receivedFrom = source["receivedFrom"];
	        this.receivedTo = source["receivedTo"];
	        this.sort = source["sort"];
	        this.desc = source["desc"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	        this.drill = this.convertValues(source["drill"], Drill);
	        this.exactTotal = source["exactTotal"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class RecordInput {
	    requestId: string;
	    kind: string;
	    id: string;
	    version: number;
	    parentId: string;
	    body: any;
	
	    static createFrom(source: any = {}) {
	        return new RecordInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.requestId = source["requestId"];
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.version = source["version"];
	        this.parentId = source["parentId"];
	        this.body = source["body"];
	    }
	}
	
	
	
	
	
	
	export class Total {
	    n: number;
	    exact: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Total(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.n = source["n"];
	        this.exact = source["exact"];
	    }
	}
	
	export class ValueAssessment {
	    quarter: string;
	    repeatPurchase: boolean;
	    costSaved: number;
	    improvement: string;
	    improvementNote: string;
	    note: string;
	    assessor: string;
	    // Go type: time
	    assessedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new ValueAssessment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.quarter = source["quarter"];
	        this.repeatPurchase = source["repeatPurchase"];
	        this.costSaved = source["costSaved"];
	        this.improvement = source["improvement"];
	        this.improvementNote = source["improvementNote"];
	        this.note = source["note"];
	        this.assessor = source["assessor"];
	        this.assessedAt = this.convertValues(source["assessedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ValueInput {
	    quarter: string;
	    repeatPurchase: boolean;
	    costSaved: number;
	    improvement: string;
	    improvementNote: string;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new ValueInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.quarter = source["quarter"];
	        this.repeatPurchase = source["repeatPurchase"];
	        this.costSaved = source["costSaved"];
	        this.improvement = source["improvement"];
	        this.improvementNote = source["improvementNote"];
	        this.note = source["note"];
	    }
	}
	export class Verdict {
	    accepted?: boolean;
	    remarks: string;
	
	    static createFrom(source: any = {}) {
	        return new Verdict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accepted = source["accepted"];
	        this.remarks = source["remarks"];
	    }
	}
	export class WorkItem {
	    kind: string;
	    requestId: string;
	    number: string;
	    title: string;
	    customer: string;
	    status: string;
	    urgency: string;
	    detail: string;
	    due: string;
	    // Go type: time
	    updatedAt: any;
	    clock?: ClockBadge;
	
	    static createFrom(source: any = {}) {
	        return new WorkItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.requestId = source["requestId"];
	        this.number = source["number"];
	        this.title = source["title"];
	        this.customer = source["customer"];
	        this.status = source["status"];
	        this.urgency = source["urgency"];
	        this.detail = source["detail"];
	        this.due = source["due"];
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.clock = this.convertValues(source["clock"], ClockBadge);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace settings {
	
	export class Logo {
	    mime: string;
	    size: number;
	    width: number;
	    height: number;
	    sha256: string;
	
	    static createFrom(source: any = {}) {
	        return new Logo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mime = source["mime"];
	        this.size = source["size"];
	        this.width = source["width"];
	        this.height = source["height"];
	        this.sha256 = source["sha256"];
	    }
	}
	export class Settings {
	    profileName: string;
	    deviceCode: string;
	    numberPattern: string;
	    companyName: string;
	    supervisor: string;
	    responseLeader: string;
	    timeZone: string;
	    guide: string;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.profileName = source["profileName"];
	        this.deviceCode = source["deviceCode"];
	        this.numberPattern = source["numberPattern"];
	        this.companyName = source["companyName"];
	        this.supervisor = source["supervisor"];
	        this.responseLeader = source["responseLeader"];
	        this.timeZone = source["timeZone"];
	        this.guide = source["guide"];
	    }
	}

}

export namespace sla {
	
	export class Limit {
	    amount: number;
	    unit: string;
	    clock: string;
	
	    static createFrom(source: any = {}) {
	        return new Limit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.amount = source["amount"];
	        this.unit = source["unit"];
	        this.clock = source["clock"];
	    }
	}
	export class ChannelLimit {
	    channel: string;
	    limit: Limit;
	
	    static createFrom(source: any = {}) {
	        return new ChannelLimit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.channel = source["channel"];
	        this.limit = this.convertValues(source["limit"], Limit);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ChannelLimits {
	    respond: ChannelLimit[];
	    phoneAnswer: Limit;
	    serviceDepartment: string;
	    handover: Limit;
	    handoverAnswer: Limit;
	    complaintAccept: Limit;
	    complaintAnswer: Limit;
	
	    static createFrom(source: any = {}) {
	        return new ChannelLimits(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.respond = this.convertValues(source["respond"], ChannelLimit);
	        this.phoneAnswer = this.convertValues(source["phoneAnswer"], Limit);
	        this.serviceDepartment = source["serviceDepartment"];
	        this.handover = this.convertValues(source["handover"], Limit);
	        this.handoverAnswer = this.convertValues(source["handoverAnswer"], Limit);
	        this.complaintAccept = this.convertValues(source["complaintAccept"], Limit);
	        this.complaintAnswer = this.convertValues(source["complaintAnswer"], Limit);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Date {
	    Year: number;
	    Month: number;
	    Day: number;
	
	    static createFrom(source: any = {}) {
	        return new Date(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Year = source["Year"];
	        this.Month = source["Month"];
	        this.Day = source["Day"];
	    }
	}
	export class Holiday {
	    name: string;
	    from: Date;
	    to: Date;
	    work?: Date[];
	
	    static createFrom(source: any = {}) {
	        return new Holiday(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.from = this.convertValues(source["from"], Date);
	        this.to = this.convertValues(source["to"], Date);
	        this.work = this.convertValues(source["work"], Date);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Interval {
	    start: number;
	    end: number;
	
	    static createFrom(source: any = {}) {
	        return new Interval(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.start = source["start"];
	        this.end = source["end"];
	    }
	}
	export class Hours {
	    week: Interval[][];
	    makeUp: Interval[];
	
	    static createFrom(source: any = {}) {
	        return new Hours(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.week = this.convertValues(source["week"], Interval);
	        this.makeUp = this.convertValues(source["makeUp"], Interval);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class Measure {
	    kind: string;
	    limit: Limit;
	    // Go type: time
	    start: any;
	    // Go type: time
	    due: any;
	    // Go type: time
	    done: any;
	    state: string;
	    allowance: number;
	    remaining: number;
	
	    static createFrom(source: any = {}) {
	        return new Measure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.limit = this.convertValues(source["limit"], Limit);
	        this.start = this.convertValues(source["start"], null);
	        this.due = this.convertValues(source["due"], null);
	        this.done = this.convertValues(source["done"], null);
	        this.state = source["state"];
	        this.allowance = source["allowance"];
	        this.remaining = source["remaining"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Policy {
	    id: string;
	    urgency: string;
	    type: string;
	    channel: string;
	    record: Limit;
	    classify: Limit;
	    start: Limit;
	    respond: Limit;
	    resolve: Limit;
	    resultFeedback: Limit;
	    progressEvery: Limit;
	    progressAfter: Limit;
	    survey: Limit;
	    pauseWhileWaiting: boolean;
	    // Go type: time
	    updatedAt: any;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new Policy(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.urgency = source["urgency"];
	        this.type = source["type"];
	        this.channel = source["channel"];
	        this.record = this.convertValues(source["record"], Limit);
	        this.classify = this.convertValues(source["classify"], Limit);
	        this.start = this.convertValues(source["start"], Limit);
	        this.respond = this.convertValues(source["respond"], Limit);
	        this.resolve = this.convertValues(source["resolve"], Limit);
	        this.resultFeedback = this.convertValues(source["resultFeedback"], Limit);
	        this.progressEvery = this.convertValues(source["progressEvery"], Limit);
	        this.progressAfter = this.convertValues(source["progressAfter"], Limit);
	        this.survey = this.convertValues(source["survey"], Limit);
	        this.pauseWhileWaiting = source["pauseWhileWaiting"];
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Source {
	    title: string;
	    number?: string;
	    published: Date;
	    url?: string;
	
	    static createFrom(source: any = {}) {
	        return new Source(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.number = source["number"];
	        this.published = this.convertValues(source["published"], Date);
	        this.url = source["url"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Schedule {
	    year: number;
	    sources: Source[];
	    note?: string;
	    holidays: Holiday[];
	
	    static createFrom(source: any = {}) {
	        return new Schedule(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.year = source["year"];
	        this.sources = this.convertValues(source["sources"], Source);
	        this.note = source["note"];
	        this.holidays = this.convertValues(source["holidays"], Holiday);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace store {
	
	export class CheckItem {
	    id: string;
	    checkId: string;
	    position: number;
	    recordId: string;
	    requestId: string;
	    number: string;
	    channel: string;
	    agent: string;
	    // Go type: time
	    at: any;
	    summary: string;
	    scores: comm.Score[];
	    total: number;
	    max: number;
	    passed?: boolean;
	    comment: string;
	    scoredBy: string;
	    // Go type: time
	    scoredAt: any;
	    rectification?: comm.Rectification;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new CheckItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.checkId = source["checkId"];
	        this.position = source["position"];
	        this.recordId = source["recordId"];
	        this.requestId = source["requestId"];
	        this.number = source["number"];
	        this.channel = source["channel"];
	        this.agent = source["agent"];
	        this.at = this.convertValues(source["at"], null);
	        this.summary = source["summary"];
	        this.scores = this.convertValues(source["scores"], comm.Score);
	        this.total = source["total"];
	        this.max = source["max"];
	        this.passed = source["passed"];
	        this.comment = source["comment"];
	        this.scoredBy = source["scoredBy"];
	        this.scoredAt = this.convertValues(source["scoredAt"], null);
	        this.rectification = this.convertValues(source["rectification"], comm.Rectification);
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ComplaintFilter {
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new ComplaintFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	    }
	}
	export class ComplaintRow {
	    record: request.Record;
	    complaint: request.Complaint;
	    requestId: string;
	    number: string;
	    title: string;
	    customer: string;
	    clock?: request.ClockBadge;
	
	    static createFrom(source: any = {}) {
	        return new ComplaintRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.record = this.convertValues(source["record"], request.Record);
	        this.complaint = this.convertValues(source["complaint"], request.Complaint);
	        this.requestId = source["requestId"];
	        this.number = source["number"];
	        this.title = source["title"];
	        this.customer = source["customer"];
	        this.clock = this.convertValues(source["clock"], request.ClockBadge);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class QualityCheck {
	    id: string;
	    week: string;
	    checker: string;
	    seed: string;
	    sizes: Record<string, number>;
	    // Go type: time
	    createdAt: any;
	    items: CheckItem[];
	    size: number;
	    scored: number;
	    passed: number;
	    open: number;
	
	    static createFrom(source: any = {}) {
	        return new QualityCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.week = source["week"];
	        this.checker = source["checker"];
	        this.seed = source["seed"];
	        this.sizes = source["sizes"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.items = this.convertValues(source["items"], CheckItem);
	        this.size = source["size"];
	        this.scored = source["scored"];
	        this.passed = source["passed"];
	        this.open = source["open"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SavedReport {
	    id: string;
	    kind: string;
	    period: string;
	    department: string;
	    version: number;
	    texts: report.Texts;
	    body: any;
	    // Go type: time
	    issuedAt?: any;
	    issuedBy: string;
	    // Go type: time
	    updatedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new SavedReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.period = source["period"];
	        this.department = source["department"];
	        this.version = source["version"];
	        this.texts = this.convertValues(source["texts"], report.Texts);
	        this.body = source["body"];
	        this.issuedAt = this.convertValues(source["issuedAt"], null);
	        this.issuedBy = source["issuedBy"];
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReportView {
	    kind: string;
	    monthly?: report.Monthly;
	    quarterly?: report.Quarterly;
	    diagnosis?: report.Diagnosis;
	    annual?: report.Annual;
	    issued?: SavedReport;
	
	    static createFrom(source: any = {}) {
	        return new ReportView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.monthly = this.convertValues(source["monthly"], report.Monthly);
	        this.quarterly = this.convertValues(source["quarterly"], report.Quarterly);
	        this.diagnosis = this.convertValues(source["diagnosis"], report.Diagnosis);
	        this.annual = this.convertValues(source["annual"], report.Annual);
	        this.issued = this.convertValues(source["issued"], SavedReport);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SLASettings {
	    hours: sla.Hours;
	    dueSoonPercent: number;
	    channels: sla.ChannelLimits;
	
	    static createFrom(source: any = {}) {
	        return new SLASettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.hours = this.convertValues(source["hours"], sla.Hours);
	        this.dueSoonPercent = source["dueSoonPercent"];
	        this.channels = this.convertValues(source["channels"], sla.ChannelLimits);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ScheduleYear {
	    year: number;
	    origin: string;
	    schedule: sla.Schedule;
	
	    static createFrom(source: any = {}) {
	        return new ScheduleYear(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.year = source["year"];
	        this.origin = source["origin"];
	        this.schedule = this.convertValues(source["schedule"], sla.Schedule);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Summary {
	    schema: number;
	    requests: number;
	    customers: number;
	    // Go type: time
	    lastChange: any;
	    // Go type: time
	    madeAt: any;
	    attachments: number;
	    missingAttachments: number;
	
	    static createFrom(source: any = {}) {
	        return new Summary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.schema = source["schema"];
	        this.requests = source["requests"];
	        this.customers = source["customers"];
	        this.lastChange = this.convertValues(source["lastChange"], null);
	        this.madeAt = this.convertValues(source["madeAt"], null);
	        this.attachments = source["attachments"];
	        this.missingAttachments = source["missingAttachments"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ValueDue {
	    requestId: string;
	    number: string;
	    title: string;
	    customer: string;
	    status: string;
	    // Go type: time
	    receivedAt: any;
	    customerValue: number;
	    businessValue: number;
	    assessment?: request.ValueAssessment;
	    assessed: number;
	
	    static createFrom(source: any = {}) {
	        return new ValueDue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.requestId = source["requestId"];
	        this.number = source["number"];
	        this.title = source["title"];
	        this.customer = source["customer"];
	        this.status = source["status"];
	        this.receivedAt = this.convertValues(source["receivedAt"], null);
	        this.customerValue = source["customerValue"];
	        this.businessValue = source["businessValue"];
	        this.assessment = this.convertValues(source["assessment"], request.ValueAssessment);
	        this.assessed = source["assessed"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace update {
	
	export class Applied {
	    from: string;
	    to: string;
	    // Go type: time
	    at: any;
	
	    static createFrom(source: any = {}) {
	        return new Applied(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.at = this.convertValues(source["at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Release {
	    version: string;
	    notes: string;
	    date: string;
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new Release(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.notes = source["notes"];
	        this.date = source["date"];
	        this.size = source["size"];
	    }
	}
	export class Status {
	    current: string;
	    blocked?: apperr.Error;
	    installBlocked?: apperr.Error;
	    source: string;
	    fromTeam: boolean;
	    address: string;
	    checking: boolean;
	    downloading: boolean;
	    // Go type: time
	    checkedAt?: any;
	    available?: Release;
	    staged?: Release;
	    error?: apperr.Error;
	    applied?: Applied;
	    startError?: apperr.Error;
	    canRestart: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.current = source["current"];
	        this.blocked = this.convertValues(source["blocked"], apperr.Error);
	        this.installBlocked = this.convertValues(source["installBlocked"], apperr.Error);
	        this.source = source["source"];
	        this.fromTeam = source["fromTeam"];
	        this.address = source["address"];
	        this.checking = source["checking"];
	        this.downloading = source["downloading"];
	        this.checkedAt = this.convertValues(source["checkedAt"], null);
	        this.available = this.convertValues(source["available"], Release);
	        this.staged = this.convertValues(source["staged"], Release);
	        this.error = this.convertValues(source["error"], apperr.Error);
	        this.applied = this.convertValues(source["applied"], Applied);
	        this.startError = this.convertValues(source["startError"], apperr.Error);
	        this.canRestart = source["canRestart"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace vocab {
	
	export class Item {
	    id: string;
	    kind: string;
	    label: string;
	    sortOrder: number;
	    active: boolean;
	    defaultPath: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new Item(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.label = source["label"];
	        this.sortOrder = source["sortOrder"];
	        this.active = source["active"];
	        this.defaultPath = source["defaultPath"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Lists {
	    types: Item[];
	    channels: Item[];
	    categories: Item[];
	    departments: Item[];
	
	    static createFrom(source: any = {}) {
	        return new Lists(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.types = this.convertValues(source["types"], Item);
	        this.channels = this.convertValues(source["channels"], Item);
	        this.categories = this.convertValues(source["categories"], Item);
	        this.departments = this.convertValues(source["departments"], Item);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace xlsx {
	
	export class JobStatus {
	    id: string;
	    kind: string;
	    state: string;
	    written: number;
	    total: number;
	    fileName: string;
	
	    static createFrom(source: any = {}) {
	        return new JobStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.state = source["state"];
	        this.written = source["written"];
	        this.total = source["total"];
	        this.fileName = source["fileName"];
	    }
	}

}

