#!/usr/bin/env python3
"""Adds up the TRX files of a dotnet test run and prints the failures, then 'N passed, N failed'."""
import glob, sys, xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        outcome = r.get("outcome")
        if outcome == "Passed":
            passed += 1
        elif outcome == "NotExecuted":
            skipped += 1
        else:
            failed += 1
            print(f"FAILED: {r.get('testName')}")
if len(sys.argv) > 2 and sys.argv[2] != "0":
    failed += 1
    print("FAILED: the build")
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
