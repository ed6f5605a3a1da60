# EmComm VSAT — the two commands: `make run` (demo) and `make test` (everything).
MVN ?= mvn -B
PORT ?= 8080
JAR := target/quarkus-app/quarkus-run.jar
SOURCES := pom.xml $(shell find src/main -type f 2>/dev/null)

.PHONY: run test build image test-deps clean bench-cycle bench-storage bench-incidents bench-report verify-journal simulator

## run: build if needed, then start the demo (simulated network, embedded store) on $(PORT)
run: $(JAR)
	java -Dquarkus.profile=demo -Dquarkus.http.port=$(PORT) -jar $(JAR)

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -q package -DskipTests

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

## bench-cycle: full poll cycle of 10,000 simulated terminals (TERMINALS=, CYCLES=, WINDOW= to change)
bench-cycle: $(JAR)
	java -Xmx1g -cp '$(CP)' org.emcomm.vsat.bench.CycleBench $${TERMINALS:-10000} $${CYCLES:-5} $${WINDOW:-256}

## bench-storage: fsync'd journal records/s, and samples/s into a real influxd next to plain line-protocol POSTs
bench-storage: test-deps
	$(MVN) -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test \
	  || $(MVN) -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
	java -Xmx1g -cp "target/test-classes:target/classes:$$(cat target/test-cp.txt)" org.emcomm.vsat.storage.StorageBench $${EVENTS:-20000} $${POINTS:-200000}

## bench-incidents: samples/s through incident detection and correlation for 10,000 terminals (TERMINALS=, ROUNDS=)
bench-incidents:
	$(MVN) -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test \
	  || $(MVN) -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
	java -Xmx2g -cp "target/test-classes:target/classes:$$(cat target/test-cp.txt)" org.emcomm.vsat.incident.IncidentBench $${TERMINALS:-10000} $${ROUNDS:-20}

## bench-report: emergency declared over 10,000 simulated terminals → status report drafted from a fresh poll; a drill over them started with live verification (TERMINALS=, ROUNDS=)
bench-report: $(JAR)
	java -cp '$(CP)' org.emcomm.vsat.bench.ReportBench $${TERMINALS:-10000} $${ROUNDS:-5}

## verify-journal: check every CRC and hash link of the journal in $(DATA) (default data/)
verify-journal: $(JAR)
	java -cp '$(CP)' org.emcomm.vsat.journal.JournalVerifyMain $${DATA:-data}

## simulator: the simulated demo network alone, for peers (snmpwalk, snmp_exporter)
simulator: $(JAR)
	java -cp '$(CP)' org.emcomm.vsat.simulator.SimulatorMain config/demo config/profiles

clean:
	$(MVN) -q clean
