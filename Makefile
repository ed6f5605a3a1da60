# EmComm VSAT — the two commands: `make run` (demo) and `make test` (everything).
MVN ?= mvn -B
PORT ?= 8080
JAR := target/quarkus-app/quarkus-run.jar
CDS := target/emcomm-cds.jsa
SOURCES := pom.xml $(shell find src/main -type f 2>/dev/null)

.PHONY: run test build image test-deps bench bench-deps soak clean bench-cycle bench-storage bench-incidents bench-report verify-journal simulator record-walk profile-check profile-lint

## run: build if needed, then start the demo (simulated network, embedded store) on $(PORT)
run: $(CDS)
	java -XX:SharedArchiveFile=$(CDS) -Dquarkus.profile=demo -Dquarkus.http.port=$(PORT) -jar $(JAR)

build: $(CDS)

$(JAR): $(SOURCES)
	$(MVN) -q package -DskipTests

# Class data sharing: the classes the service loads at start, archived once per build by this JDK (the
# static-init run), so a start maps them instead of loading and verifying each (docs/performance.md).
$(CDS): $(JAR)
	rm -f $(CDS)
	java -XX:ArchiveClassesAtExit=$(CDS) -Dquarkus.appcds.generate=true -Dquarkus.log.level=ERROR -Xlog:cds=off -Xlog:cds+dynamic=off -jar $(JAR) >/dev/null

## test: install what the tests need (InfluxDB, net-snmp, chromium, kubectl) when missing, then run the whole
## suite: unit and service tests, then the package, then the *IT tests that run it as separate processes
test: test-deps
	$(MVN) verify

## image: the container image k8s/ deploys (docker, or IMAGE_TOOL=podman); see k8s/README.md
IMAGE ?= emcomm-vsat:0.1.0
IMAGE_TOOL ?= docker
image: $(JAR)
	$(IMAGE_TOOL) build -f src/main/docker/Dockerfile.jvm -t $(IMAGE) .

test-deps:
	@bash scripts/test-deps.sh

CP := target/quarkus-app/app/*:target/quarkus-app/lib/main/*
TEST_CP := target/test-classes:target/classes:$$(cat target/test-cp.txt)
define test_classpath
	$(MVN) -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test \
	  || $(MVN) -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
endef

## bench: the service against the bare snmp4j client, net-snmp, prometheus-snmp-exporter and plain InfluxDB writes, in
## one run on loopback: prints a table and writes bench/results/latest.json (docs/performance.md). TERMINALS=, RUNS=, SECONDS=
bench: bench-deps $(CDS)
	$(test_classpath)
	java -Xmx2g -cp "$(TEST_CP)" org.emcomm.vsat.bench.BenchSuite

bench-deps:
	@bash scripts/test-deps.sh --bench

## soak: the packaged service on the demo network for MINUTES (30) with a scenario every minute and records written;
## the heap after a full GC every 30 s, its slope printed and written to bench/results/soak.json (docs/reliability.md)
soak: $(CDS)
	$(test_classpath)
	java -cp "$(TEST_CP)" org.emcomm.vsat.fault.Soak

## bench-cycle: full poll cycle of 10,000 simulated terminals (TERMINALS=, CYCLES=, WINDOW= to change)
bench-cycle: $(JAR)
	java -Xmx1g -cp '$(CP)' org.emcomm.vsat.bench.CycleBench $${TERMINALS:-10000} $${CYCLES:-5} $${WINDOW:-256}

## bench-storage: fsync'd journal records/s, and samples/s into a real influxd next to plain line-protocol POSTs
bench-storage: test-deps
	$(test_classpath)
	java -Xmx1g -cp "$(TEST_CP)" org.emcomm.vsat.storage.StorageBench $${EVENTS:-20000} $${POINTS:-200000}

## bench-incidents: samples/s through incident detection and correlation for 10,000 terminals (TERMINALS=, ROUNDS=)
bench-incidents:
	$(test_classpath)
	java -Xmx2g -cp "$(TEST_CP)" org.emcomm.vsat.incident.IncidentBench $${TERMINALS:-10000} $${ROUNDS:-20}

## bench-report: emergency declared over 10,000 simulated terminals → status report drafted from a fresh poll; a drill over them started with live verification (TERMINALS=, ROUNDS=)
bench-report: $(JAR)
	java -cp '$(CP)' org.emcomm.vsat.bench.ReportBench $${TERMINALS:-10000} $${ROUNDS:-5}

## verify-journal: check every CRC and hash link of the journal in $(DATA) (default data/)
verify-journal: $(JAR)
	java -cp '$(CP)' org.emcomm.vsat.journal.JournalVerifyMain $${DATA:-data}

## record-walk: walk a real device (GETBULK, v2c or v3; GETNEXT for v1) into an snmprec file, sysName, sysLocation,
## sysContact, process arguments and addresses redacted: AGENT=host:port OUT=file.snmprec [CRED=name from config/credentials.yaml]
record-walk: $(JAR)
	@test -n "$(AGENT)" -a -n "$(OUT)" || { echo "usage: make record-walk AGENT=host:port OUT=file.snmprec [CRED=name]"; exit 2; }
	java -cp '$(CP)' -Dslf4j.internal.verbosity=ERROR org.emcomm.vsat.recording.RecordWalk '$(AGENT)' '$(OUT)' '$(CRED)' $${CONFIG:-config}

## profile-check: run a profile over a recording as the service would and print each metric's MIB object, source, raw
## and decoded value and unit, then the state and its reason: PROFILE=name WALK=file.snmprec [PROFILES=config/profiles]
profile-check: $(JAR)
	@test -n "$(PROFILE)" -a -n "$(WALK)" || { echo "usage: make profile-check PROFILE=name WALK=file.snmprec"; exit 2; }
	java -cp '$(CP)' -Dslf4j.internal.verbosity=ERROR org.emcomm.vsat.recording.ProfileCheck '$(PROFILE)' '$(WALK)' $${PROFILES:-config/profiles}

## profile-lint: check profiles against your MIB files (read by net-snmp's snmptranslate; vendor MIBs are never shipped):
## every metric an existing readable object of a matching SYNTAX, enum and name, every trap a NOTIFICATION-TYPE,
## every neverWrite object writable. MIBS=dir [PROFILE=name]; exits 1 on an error
profile-lint: $(JAR)
	@test -n "$(MIBS)" || { echo "usage: make profile-lint MIBS=dir [PROFILE=name]"; exit 2; }
	java -cp '$(CP)' -Dslf4j.internal.verbosity=ERROR org.emcomm.vsat.recording.ProfileLint '$(MIBS)' '$(PROFILE)' $${PROFILES:-config/profiles}

## simulator: the simulated demo network alone, for peers (snmpwalk, snmp_exporter)
simulator: $(JAR)
	java -cp '$(CP)' org.emcomm.vsat.simulator.SimulatorMain config/demo config/profiles

clean:
	$(MVN) -q clean
