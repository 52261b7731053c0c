<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>AlertNotifier</name>
        <message>
            <source>GridTerm</source>
            <translation>GridTerm</translation>
        </message>
        <message numerus="yes">
            <source>%n more alert(s)</source>
            <translation>
                <numerusform>%n more alert</numerusform>
                <numerusform>%n more alerts</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Alerts</name>
        <message>
            <source>New</source>
            <translation>New</translation>
        </message>
        <message>
            <source>Never visited</source>
            <translation>Never visited</translation>
        </message>
        <message>
            <source>Last visit {date}</source>
            <translation>Last visit {date}</translation>
        </message>
    </context>
    <context>
        <name>AlertsScreen</name>
        <message>
            <source>Alerts</source>
            <translation>Alerts</translation>
        </message>
        <message>
            <source>Nothing needs your attention.</source>
            <translation>Nothing needs your attention.</translation>
        </message>
        <message numerus="yes">
            <source>%n new since you last looked</source>
            <translation>
                <numerusform>%n new since you last looked</numerusform>
                <numerusform>%n new since you last looked</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing new since you last looked</source>
            <translation>Nothing new since you last looked</translation>
        </message>
    </context>
    <context>
        <name>Building</name>
        <message>
            <source>Floor {floor}</source>
            <extracomment>A cell&apos;s ``TileCoverage`` (days since the last visit, overdue key household), or None.</extracomment>
            <translation>Floor {floor}</translation>
        </message>
        <message>
            <source>Unit {unit} · {position}</source>
            <translation>Unit {unit}
{position}</translation>
        </message>
        <message>
            <source>key household</source>
            <translation>key household</translation>
        </message>
        <message>
            <source>party member</source>
            <translation>party member</translation>
        </message>
        <message>
            <source>vacant</source>
            <translation>vacant</translation>
        </message>
        <message>
            <source>rental</source>
            <translation>rental</translation>
        </message>
    </context>
    <context>
        <name>BuildingScreen</name>
        <message>
            <source>Key household</source>
            <translation>Key household</translation>
        </message>
        <message>
            <source>Party member</source>
            <translation>Party member</translation>
        </message>
        <message>
            <source>Vacant</source>
            <translation>Vacant</translation>
        </message>
        <message>
            <source>Rental</source>
            <translation>Rental</translation>
        </message>
        <message>
            <source>Small number: residents</source>
            <translation>Small number: residents</translation>
        </message>
        <message>
            <source>Households by floor and room</source>
            <translation>Households by floor and room</translation>
        </message>
        <message>
            <source>One tile per household, top floor first; tap one to open it</source>
            <translation>One tile per household, top floor first; tap one to open it</translation>
        </message>
        <message>
            <source>Shade by last visit</source>
            <translation>Shade by last visit</translation>
        </message>
        <message>
            <source>≤ 7 days</source>
            <translation>≤ 7 days</translation>
        </message>
        <message>
            <source>≤ 30 days</source>
            <translation>≤ 30 days</translation>
        </message>
        <message>
            <source>≤ 90 days</source>
            <translation>≤ 90 days</translation>
        </message>
        <message>
            <source>longer or never</source>
            <translation>longer or never</translation>
        </message>
        <message>
            <source>Building</source>
            <translation>Building</translation>
        </message>
        <message>
            <source>{households} households on {floors} floors · {key} key</source>
            <translation>{households} households on {floors} floors · {key} key</translation>
        </message>
        <message>
            <source>Building captain {name}</source>
            <translation>Building captain {name}</translation>
        </message>
    </context>
    <context>
        <name>CameraDialog</name>
        <message>
            <source>Take photo</source>
            <translation>Take photo</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>ChecklistPage</name>
        <message>
            <source>Choose the checklist</source>
            <translation>Choose the checklist</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pause</translation>
        </message>
        <message>
            <source>Finish and sign</source>
            <translation>Finish and sign</translation>
        </message>
        <message>
            <source>{operator} · {place} · {checklist} (version {version})</source>
            <translation>{operator} · {place} · {checklist} (version {version})</translation>
        </message>
        <message>
            <source>Continuing the inspection started {time}.</source>
            <translation>Continuing the inspection started {time}.</translation>
        </message>
        <message>
            <source>Answered {done}/{total}</source>
            <translation>Answered {done}/{total}</translation>
        </message>
    </context>
    <context>
        <name>Columns</name>
        <message>
            <source>Visit</source>
            <translation>Visit</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>Resident</source>
            <translation>Resident</translation>
        </message>
        <message>
            <source>Why key</source>
            <translation>Why key</translation>
        </message>
        <message>
            <source>Last visit</source>
            <translation>Last visit</translation>
        </message>
        <message>
            <source>Hazards</source>
            <translation>Hazards</translation>
        </message>
        <message>
            <source>Name</source>
            <extracomment>The personal field each masked column shows.</extracomment>
            <translation>Name</translation>
        </message>
        <message>
            <source>Shop name</source>
            <translation>Shop name</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Trade</source>
            <translation>Trade</translation>
        </message>
        <message>
            <source>Licence no.</source>
            <translation>Licence no.</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Inspector</source>
            <translation>Inspector</translation>
        </message>
        <message>
            <source>Hazards found</source>
            <translation>Hazards found</translation>
        </message>
        <message>
            <source>Relation</source>
            <translation>Relation</translation>
        </message>
        <message>
            <source>Gender</source>
            <translation>Gender</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>Age</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>ID number</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>Health</translation>
        </message>
        <message>
            <source>Found by</source>
            <translation>Found by</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>Grid</translation>
        </message>
        <message>
            <source>Community</source>
            <translation>Community</translation>
        </message>
        <message>
            <source>Building</source>
            <translation>Building</translation>
        </message>
        <message>
            <source>Floors</source>
            <translation>Floors</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>Households</translation>
        </message>
        <message>
            <source>Worker</source>
            <translation>Worker</translation>
        </message>
        <message>
            <source>Checked in</source>
            <translation>Checked in</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>Visits</translation>
        </message>
        <message>
            <source>Key visits</source>
            <translation>Key visits</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Due</translation>
        </message>
        <message>
            <source>Key households</source>
            <translation>Key households</translation>
        </message>
        <message>
            <source>Open tickets</source>
            <translation>Open tickets</translation>
        </message>
        <message>
            <source>Building captain</source>
            <translation>Building captain</translation>
        </message>
        <message>
            <source>Urgency</source>
            <translation>Urgency</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Time limit</source>
            <translation>Time limit</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>Deadline</translation>
        </message>
        <message>
            <source>Stall</source>
            <translation>Stall</translation>
        </message>
        <message>
            <source>Hazard</source>
            <translation>Hazard</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Severity</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Responsible</source>
            <translation>Responsible</translation>
        </message>
        <message>
            <source>Market</source>
            <translation>Market</translation>
        </message>
        <message>
            <source>Stalls</source>
            <translation>Stalls</translation>
        </message>
        <message>
            <source>Reported</source>
            <translation>Reported</translation>
        </message>
        <message>
            <source>Being rectified</source>
            <translation>Being rectified</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>Overdue</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Level</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Waiting</translation>
        </message>
        <message>
            <source>Mine</source>
            <translation>Mine</translation>
        </message>
        <message>
            <source>Server&apos;s</source>
            <translation>Server&apos;s</translation>
        </message>
        <message>
            <source>Value now</source>
            <translation>Value now</translation>
        </message>
        <message>
            <source>Refused values</source>
            <translation>Refused values</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>Since</translation>
        </message>
        <message>
            <source>Which</source>
            <translation>Which</translation>
        </message>
        <message>
            <source>Written by</source>
            <translation>Written by</translation>
        </message>
        <message>
            <source>New</source>
            <translation>New</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>Alert</translation>
        </message>
        <message>
            <source>About</source>
            <translation>About</translation>
        </message>
        <message>
            <source>When</source>
            <translation>When</translation>
        </message>
        <message>
            <source>Choice</source>
            <translation>Choice</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Change</translation>
        </message>
        <message>
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>Refused</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Step</translation>
        </message>
        <message>
            <source>By</source>
            <translation>By</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Photos</source>
            <translation>Photos</translation>
        </message>
        <message>
            <source>Visit type</source>
            <translation>Visit type</translation>
        </message>
        <message>
            <source>Met</source>
            <translation>Met</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>Raised</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Outcome</translation>
        </message>
    </context>
    <context>
        <name>ConcernRow</name>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>What did they raise? e.g. the corridor light is broken</source>
            <translation>What did they raise? e.g. the corridor light is broken</translation>
        </message>
        <message>
            <source>What was raised</source>
            <translation>What was raised</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
    </context>
    <context>
        <name>ConflictQueueScreen</name>
        <message>
            <source>A value written on a terminal was refused because someone changed the field first. Nothing is settled until a person chooses; every value stays recorded.</source>
            <translation>A value written on a terminal was refused because someone changed the field first. Nothing is settled until a person chooses; every value stays recorded.</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <source>No open conflicts in your area.</source>
            <translation>No open conflicts in your area.</translation>
        </message>
        <message>
            <source>Values</source>
            <translation>Values</translation>
        </message>
        <message>
            <source>Keep this value</source>
            <translation>Keep this value</translation>
        </message>
        <message>
            <source>Or write the right value</source>
            <translation>Or write the right value</translation>
        </message>
        <message>
            <source>Use this value</source>
            <translation>Use this value</translation>
        </message>
        <message>
            <source>{fields} fields with {values} refused values to settle</source>
            <translation>{fields} fields with {values} refused values to settle</translation>
        </message>
    </context>
    <context>
        <name>ConflictsPanel</name>
        <message>
            <source>A field changed here and on the server. Choose the value that stays; both values stay recorded. A ticket&apos;s status follows its steps.</source>
            <translation>A field changed here and on the server. Choose the value that stays; both values stay recorded. A ticket&apos;s status follows its steps.</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <source>Settled conflicts</source>
            <translation>Settled conflicts</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>Keep mine</translation>
        </message>
        <message>
            <source>Take the server&apos;s</source>
            <translation>Take the server&apos;s</translation>
        </message>
        <message>
            <source>Or write the right value</source>
            <translation>Or write the right value</translation>
        </message>
        <message>
            <source>Use this value</source>
            <translation>Use this value</translation>
        </message>
        <message numerus="yes">
            <source>Settled (%n)</source>
            <translation>
                <numerusform>Settled (%n)</numerusform>
                <numerusform>Settled (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>{record}: mine {mine}, server&apos;s {server}</source>
            <translation>{record}: mine {mine}, server&apos;s {server}</translation>
        </message>
        <message>
            <source>Accept the server&apos;s status</source>
            <translation>Accept the server&apos;s status</translation>
        </message>
    </context>
    <context>
        <name>DepartmentPicker</name>
        <message>
            <source>Another department</source>
            <translation>Another department</translation>
        </message>
    </context>
    <context>
        <name>Due</name>
        <message>
            <source>Due today</source>
            <translation>Due today</translation>
        </message>
        <message>
            <source>Never visited</source>
            <translation>Never visited</translation>
        </message>
        <message numerus="yes">
            <source>Overdue %n day(s)</source>
            <translation>
                <numerusform>Overdue %n day</numerusform>
                <numerusform>Overdue %n days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EditScreen</name>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Give the date as year-month-day.</source>
            <translation>Give the date as year-month-day.</translation>
        </message>
        <message>
            <source>Give the month as year-month.</source>
            <translation>Give the month as year-month.</translation>
        </message>
        <message>
            <source>A report cannot cover the future.</source>
            <translation>A report cannot cover the future.</translation>
        </message>
        <message>
            <source>Choose xlsx, CSV, PDF or JSON.</source>
            <translation>Choose xlsx, CSV, PDF or JSON.</translation>
        </message>
        <message>
            <source>Choose one area: a grid, a community or a street office.</source>
            <translation>Choose one area: a grid, a community or a street office.</translation>
        </message>
        <message>
            <source>There is no such area.</source>
            <translation>There is no such area.</translation>
        </message>
        <message>
            <source>This area is outside yours.</source>
            <translation>This area is outside yours.</translation>
        </message>
        <message>
            <source>You have no area to report on.</source>
            <translation>You have no area to report on.</translation>
        </message>
        <message>
            <source>Reports are for community supervisors and street office staff.</source>
            <translation>Reports are for community supervisors and street office staff.</translation>
        </message>
        <message>
            <source>The file cannot be written there (is the folder or USB drive still there?). Nothing was saved.</source>
            <translation>The file cannot be written there (is the folder or USB drive still there?). Nothing was saved.</translation>
        </message>
        <message>
            <source>No Chinese font is installed for PDFs: install fonts-wqy-microhei.</source>
            <translation>No Chinese font is installed for PDFs: install fonts-wqy-microhei.</translation>
        </message>
        <message>
            <source>A ticket&apos;s status follows its steps: accept the server&apos;s status, then open the ticket to act again.</source>
            <translation>A ticket&apos;s status follows its steps: accept the server&apos;s status, then open the ticket to act again.</translation>
        </message>
        <message>
            <source>Only a text field takes a value you type: keep yours or take the server&apos;s.</source>
            <translation>Only a text field takes a value you type: keep yours or take the server&apos;s.</translation>
        </message>
        <message>
            <source>This conflict is settled already.</source>
            <translation>This conflict is settled already.</translation>
        </message>
        <message>
            <source>This kind of conflict is settled by a supervisor.</source>
            <translation>This kind of conflict is settled by a supervisor.</translation>
        </message>
        <message>
            <source>Please fill in the {field}.</source>
            <translation>Please fill in the {field}.</translation>
        </message>
        <message>
            <source>The {field} is too long (at most {max_len} characters).</source>
            <translation>The {field} is too long (at most {max_len} characters).</translation>
        </message>
        <message>
            <source>The {field} is too large (at most {max_len} characters).</source>
            <translation>The {field} is too large (at most {max_len} characters).</translation>
        </message>
        <message>
            <source>The {field} is nested too deeply (at most {max_depth} levels).</source>
            <translation>The {field} is nested too deeply (at most {max_depth} levels).</translation>
        </message>
        <message>
            <source>The {field} is not a phone number (11-digit mobile or landline).</source>
            <translation>The {field} is not a phone number (11-digit mobile or landline).</translation>
        </message>
        <message>
            <source>The ID number is not valid: check all 18 characters.</source>
            <translation>The ID number is not valid: check all 18 characters.</translation>
        </message>
        <message>
            <source>The {field} is not a valid date.</source>
            <translation>The {field} is not a valid date.</translation>
        </message>
        <message>
            <source>The {field} is not a valid time.</source>
            <translation>The {field} is not a valid time.</translation>
        </message>
        <message>
            <source>Please choose the {field}.</source>
            <translation>Please choose the {field}.</translation>
        </message>
        <message>
            <source>The {field} must be text.</source>
            <translation>The {field} must be text.</translation>
        </message>
        <message>
            <source>The {field} is not a list.</source>
            <translation>The {field} is not a list.</translation>
        </message>
        <message>
            <source>The {field} must be yes or no.</source>
            <translation>The {field} must be yes or no.</translation>
        </message>
        <message>
            <source>The {field} is incomplete.</source>
            <translation>The {field} is incomplete.</translation>
        </message>
        <message>
            <source>A photo is damaged; take it again.</source>
            <translation>A photo is damaged; take it again.</translation>
        </message>
        <message>
            <source>A PIN is 6 to 12 digits.</source>
            <translation>A PIN is 6 to 12 digits.</translation>
        </message>
        <message>
            <source>Worker ID or PIN is wrong.</source>
            <translation>Worker ID or PIN is wrong.</translation>
        </message>
        <message>
            <source>There is no database on this terminal yet. Use demo data or enroll.</source>
            <translation>There is no database on this terminal yet. Use demo data or enroll.</translation>
        </message>
        <message>
            <source>A database exists here already.</source>
            <translation>A database exists here already.</translation>
        </message>
        <message>
            <source>This database comes from a newer GridTerm. Update the app first.</source>
            <translation>This database comes from a newer GridTerm. Update the app first.</translation>
        </message>
        <message>
            <source>This file is not a GridTerm database.</source>
            <translation>This file is not a GridTerm database.</translation>
        </message>
        <message>
            <source>The key file cannot be read.</source>
            <translation>The key file cannot be read.</translation>
        </message>
        <message>
            <source>You were logged out. Please log in again.</source>
            <translation>You were logged out. Please log in again.</translation>
        </message>
        <message>
            <source>Too many wrong PINs on this terminal. Wait, then try again.</source>
            <translation>Too many wrong PINs on this terminal. Wait, then try again.</translation>
        </message>
        <message>
            <source>Too many wrong PINs. This terminal may hold unsynced work, so it was not erased.</source>
            <translation>Too many wrong PINs. This terminal may hold unsynced work, so it was not erased.</translation>
        </message>
        <message>
            <source>Too many wrong PINs: this terminal&apos;s keys and data were erased. Ask your supervisor for a new enrollment code.</source>
            <translation>Too many wrong PINs: this terminal&apos;s keys and data were erased. Ask your supervisor for a new enrollment code.</translation>
        </message>
        <message>
            <source>The street office has withdrawn this terminal: its keys and data are erased. Ask your supervisor for a new enrollment code.</source>
            <translation>The street office has withdrawn this terminal: its keys and data are erased. Ask your supervisor for a new enrollment code.</translation>
        </message>
        <message>
            <source>Only a community supervisor or street staff may confirm erasing a terminal.</source>
            <translation>Only a community supervisor or street staff may confirm erasing a terminal.</translation>
        </message>
        <message>
            <source>This worker has no account on the terminal.</source>
            <translation>This worker has no account on the terminal.</translation>
        </message>
        <message>
            <source>Record what the residents raised, or choose “Nothing raised”.</source>
            <translation>Record what the residents raised, or choose “Nothing raised”.</translation>
        </message>
        <message>
            <source>Concerns were recorded, so the outcome cannot be “Nothing raised”.</source>
            <translation>Concerns were recorded, so the outcome cannot be “Nothing raised”.</translation>
        </message>
        <message>
            <source>A ticket needs the outcome “Open a ticket”.</source>
            <translation>A ticket needs the outcome “Open a ticket”.</translation>
        </message>
        <message>
            <source>This visit was corrected already; correct the newest version.</source>
            <translation>This visit was corrected already; correct the newest version.</translation>
        </message>
        <message>
            <source>This step is not possible for the ticket now.</source>
            <translation>This step is not possible for the ticket now.</translation>
        </message>
        <message>
            <source>Your role cannot do this at the ticket&apos;s level.</source>
            <translation>Your role cannot do this at the ticket&apos;s level.</translation>
        </message>
        <message>
            <source>Name the department.</source>
            <translation>Name the department.</translation>
        </message>
        <message>
            <source>Say why the ticket is reopened.</source>
            <translation>Say why the ticket is reopened.</translation>
        </message>
        <message>
            <source>Say why the ticket goes up a level.</source>
            <translation>Say why the ticket goes up a level.</translation>
        </message>
        <message>
            <source>The street office is the top level already.</source>
            <translation>The street office is the top level already.</translation>
        </message>
        <message>
            <source>Take a photo on site to verify the ticket.</source>
            <translation>Take a photo on site to verify the ticket.</translation>
        </message>
        <message>
            <source>Someone other than the reporter must verify (the street office&apos;s rule).</source>
            <translation>Someone other than the reporter must verify (the street office&apos;s rule).</translation>
        </message>
        <message>
            <source>{missing} items are not answered yet.</source>
            <translation>{missing} items are not answered yet.</translation>
        </message>
        <message>
            <source>A failed item needs a photo or a note.</source>
            <translation>A failed item needs a photo or a note.</translation>
        </message>
        <message>
            <source>This inspection is completed and can no longer change.</source>
            <translation>This inspection is completed and can no longer change.</translation>
        </message>
        <message>
            <source>Let the operator sign, or say why the operator cannot.</source>
            <translation>Let the operator sign, or say why the operator cannot.</translation>
        </message>
        <message>
            <source>The operator signed, so the operator was present: clear the reason.</source>
            <translation>The operator signed, so the operator was present: clear the reason.</translation>
        </message>
        <message>
            <source>There is no checklist on this terminal yet: sync first.</source>
            <translation>There is no checklist on this terminal yet: sync first.</translation>
        </message>
        <message>
            <source>Record the rectification (with a photo) before the re-inspection.</source>
            <translation>Record the rectification (with a photo) before the re-inspection.</translation>
        </message>
        <message>
            <source>Take a photo of the rectified hazard.</source>
            <translation>Take a photo of the rectified hazard.</translation>
        </message>
        <message>
            <source>Take an after-photo on site to pass the re-inspection.</source>
            <translation>Take an after-photo on site to pass the re-inspection.</translation>
        </message>
        <message>
            <source>Take a photo on site to verify the hazard closed.</source>
            <translation>Take a photo on site to verify the hazard closed.</translation>
        </message>
        <message>
            <source>The department has not handled the ticket yet.</source>
            <translation>The department has not handled the ticket yet.</translation>
        </message>
        <message>
            <source>A failed re-inspection needs a photo or a note.</source>
            <translation>A failed re-inspection needs a photo or a note.</translation>
        </message>
        <message>
            <source>Name who must rectify it.</source>
            <translation>Name who must rectify it.</translation>
        </message>
        <message>
            <source>This step is not possible for the hazard now.</source>
            <translation>This step is not possible for the hazard now.</translation>
        </message>
        <message>
            <source>Only a hazard being rectified can be escalated.</source>
            <translation>Only a hazard being rectified can be escalated.</translation>
        </message>
        <message>
            <source>This hazard has a ticket already.</source>
            <translation>This hazard has a ticket already.</translation>
        </message>
        <message>
            <source>Only a failed item becomes a hazard.</source>
            <translation>Only a failed item becomes a hazard.</translation>
        </message>
        <message>
            <source>You are not checked in.</source>
            <translation>You are not checked in.</translation>
        </message>
        <message>
            <source>You are checked in already.</source>
            <translation>You are checked in already.</translation>
        </message>
        <message>
            <source>Nothing was changed.</source>
            <translation>Nothing was changed.</translation>
        </message>
        <message>
            <source>This grid is not in your area.</source>
            <translation>This grid is not in your area.</translation>
        </message>
        <message>
            <source>Stalls and shops belong to a market (special grid).</source>
            <translation>Stalls and shops belong to a market (special grid).</translation>
        </message>
        <message>
            <source>Only JPEG, PNG or WebP photos.</source>
            <translation>Only JPEG, PNG or WebP photos.</translation>
        </message>
        <message>
            <source>The photo is empty or larger than {max_mb} MB.</source>
            <translation>The photo is empty or larger than {max_mb} MB.</translation>
        </message>
        <message>
            <source>This file is not a photo that can be read.</source>
            <translation>This file is not a photo that can be read.</translation>
        </message>
        <message>
            <source>This terminal is not enrolled with a server (demo data): records stay on it.</source>
            <translation>This terminal is not enrolled with a server (demo data): records stay on it.</translation>
        </message>
        <message>
            <source>A sync is already running.</source>
            <translation>A sync is already running.</translation>
        </message>
        <message>
            <source>The server cannot be reached. Records stay safe here and go with the signal.</source>
            <translation>The server cannot be reached. Records stay safe here and go with the signal.</translation>
        </message>
        <message>
            <source>The server&apos;s certificate is not trusted: the connection may be intercepted. Nothing was sent; records stay safe here. Tell your supervisor.</source>
            <translation>The server&apos;s certificate is not trusted: the connection may be intercepted. Nothing was sent; records stay safe here. Tell your supervisor.</translation>
        </message>
        <message>
            <source>The certificate settings are wrong: the CA file must be a .pem file of certificates, the pin 64 hexadecimal digits.</source>
            <translation>The certificate settings are wrong: the CA file must be a .pem file of certificates, the pin 64 hexadecimal digits.</translation>
        </message>
        <message>
            <source>The server answered wrongly. Records stay safe here; try again later.</source>
            <translation>The server answered wrongly. Records stay safe here; try again later.</translation>
        </message>
        <message>
            <source>Log in again to sync.</source>
            <translation>Log in again to sync.</translation>
        </message>
        <message>
            <source>The street office has withdrawn this terminal.</source>
            <translation>The street office has withdrawn this terminal.</translation>
        </message>
        <message>
            <source>This worker has no account on this terminal.</source>
            <translation>This worker has no account on this terminal.</translation>
        </message>
        <message>
            <source>Sync is not available in this version yet; records stay safe on the terminal.</source>
            <translation>Sync is not available in this version yet; records stay safe on the terminal.</translation>
        </message>
        <message>
            <source>No server is set. Enter the server address in Settings.</source>
            <translation>No server is set. Enter the server address in Settings.</translation>
        </message>
        <message>
            <source>The server address must start with https:// (or http:// for testing).</source>
            <translation>The server address must start with https:// (or http:// for testing).</translation>
        </message>
        <message>
            <source>The enrollment code is the 12 letters and digits your supervisor gave you (ABCD-EFGH-JKLM).</source>
            <translation>The enrollment code is the 12 letters and digits your supervisor gave you (ABCD-EFGH-JKLM).</translation>
        </message>
        <message>
            <source>This enrollment code is unknown or used up: ask your supervisor for a new one.</source>
            <translation>This enrollment code is unknown or used up: ask your supervisor for a new one.</translation>
        </message>
        <message>
            <source>Too many wrong enrollment codes from here. Wait an hour, then try again.</source>
            <translation>Too many wrong enrollment codes from here. Wait an hour, then try again.</translation>
        </message>
        <message>
            <source>Too many wrong PINs on this terminal. Wait a little, then try again.</source>
            <translation>Too many wrong PINs on this terminal. Wait a little, then try again.</translation>
        </message>
        <message>
            <source>Your role may not see this in clear: it stays hidden.</source>
            <translation>Your role may not see this in clear: it stays hidden.</translation>
        </message>
        <message>
            <source>This record is no longer on the terminal.</source>
            <translation>This record is no longer on the terminal.</translation>
        </message>
        <message>
            <source>Your role does not allow this.</source>
            <translation>Your role does not allow this.</translation>
        </message>
        <message>
            <source>Something went wrong. It has been noted for support; please try again.</source>
            <translation>Something went wrong. It has been noted for support; please try again.</translation>
        </message>
    </context>
    <context>
        <name>Fields</name>
        <message>
            <source>name</source>
            <translation>name</translation>
        </message>
        <message>
            <source>gender</source>
            <translation>gender</translation>
        </message>
        <message>
            <source>date of birth</source>
            <translation>date of birth</translation>
        </message>
        <message>
            <source>relation</source>
            <translation>relation</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>ID number</translation>
        </message>
        <message>
            <source>phone</source>
            <translation>phone</translation>
        </message>
        <message>
            <source>health</source>
            <translation>health</translation>
        </message>
        <message>
            <source>notes</source>
            <translation>notes</translation>
        </message>
        <message>
            <source>who was met</source>
            <translation>who was met</translation>
        </message>
        <message>
            <source>what residents raised</source>
            <translation>what residents raised</translation>
        </message>
        <message>
            <source>kind of concern</source>
            <translation>kind of concern</translation>
        </message>
        <message>
            <source>category</source>
            <translation>category</translation>
        </message>
        <message>
            <source>visit type</source>
            <translation>visit type</translation>
        </message>
        <message>
            <source>outcome</source>
            <translation>outcome</translation>
        </message>
        <message>
            <source>title</source>
            <translation>title</translation>
        </message>
        <message>
            <source>description</source>
            <translation>description</translation>
        </message>
        <message>
            <source>address or location</source>
            <translation>address or location</translation>
        </message>
        <message>
            <source>note</source>
            <translation>note</translation>
        </message>
        <message>
            <source>department</source>
            <translation>department</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>photos</source>
            <translation>photos</translation>
        </message>
        <message>
            <source>operator</source>
            <translation>operator</translation>
        </message>
        <message>
            <source>licence number</source>
            <translation>licence number</translation>
        </message>
        <message>
            <source>contact phone</source>
            <translation>contact phone</translation>
        </message>
        <message>
            <source>trade</source>
            <translation>trade</translation>
        </message>
        <message>
            <source>building</source>
            <translation>building</translation>
        </message>
        <message>
            <source>floor</source>
            <translation>floor</translation>
        </message>
        <message>
            <source>row</source>
            <translation>row</translation>
        </message>
        <message>
            <source>stall number</source>
            <translation>stall number</translation>
        </message>
        <message>
            <source>status</source>
            <translation>status</translation>
        </message>
        <message>
            <source>urgent</source>
            <translation>urgent</translation>
        </message>
        <message>
            <source>rented out</source>
            <translation>rented out</translation>
        </message>
        <message>
            <source>vacant</source>
            <translation>vacant</translation>
        </message>
        <message>
            <source>party member</source>
            <translation>party member</translation>
        </message>
        <message>
            <source>key household reasons</source>
            <translation>key household reasons</translation>
        </message>
        <message>
            <source>severity</source>
            <translation>severity</translation>
        </message>
        <message>
            <source>rectification deadline</source>
            <translation>rectification deadline</translation>
        </message>
        <message>
            <source>responsible party</source>
            <translation>responsible party</translation>
        </message>
        <message>
            <source>reason the operator is absent</source>
            <translation>reason the operator is absent</translation>
        </message>
        <message>
            <source>signature</source>
            <translation>signature</translation>
        </message>
    </context>
    <context>
        <name>FirstRunScreen</name>
        <message>
            <source>Welcome to GridTerm</source>
            <translation>Welcome to GridTerm</translation>
        </message>
        <message>
            <source>The field terminal for grid workers. How do you want to start?</source>
            <translation>The field terminal for grid workers. How do you want to start?</translation>
        </message>
        <message>
            <source>Try with demo data</source>
            <translation>Try with demo data</translation>
        </message>
        <message>
            <source>A made-up street office with communities, buildings, households and tickets is created on this terminal. No server and no network needed.</source>
            <translation>A made-up street office with communities, buildings, households and tickets is created on this terminal. No server and no network needed.</translation>
        </message>
        <message>
            <source>Use demo data</source>
            <translation>Use demo data</translation>
        </message>
        <message>
            <source>Enroll with a server</source>
            <translation>Enroll with a server</translation>
        </message>
        <message>
            <source>Your supervisor gives you the server address and a one-time enrollment code.</source>
            <translation>Your supervisor gives you the server address and a one-time enrollment code.</translation>
        </message>
        <message>
            <source>Server address, e.g. https://grid.example.cn</source>
            <translation>Server address, e.g. https://grid.example.cn</translation>
        </message>
        <message>
            <source>Enrollment code, e.g. ABCD-EFGH-JKLM</source>
            <translation>Enrollment code, e.g. ABCD-EFGH-JKLM</translation>
        </message>
        <message>
            <source>Your worker ID</source>
            <translation>Your worker ID</translation>
        </message>
        <message>
            <source>Your PIN (6 to 12 digits)</source>
            <translation>Your PIN (6 to 12 digits)</translation>
        </message>
        <message>
            <source>Server address</source>
            <translation>Server address</translation>
        </message>
        <message>
            <source>Enrollment code</source>
            <translation>Enrollment code</translation>
        </message>
        <message>
            <source>Worker ID</source>
            <translation>Worker ID</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>Enroll</source>
            <translation>Enroll</translation>
        </message>
        <message>
            <source>Enrolling with the server…</source>
            <translation>Enrolling with the server…</translation>
        </message>
        <message>
            <source>Creating the demo street office… this takes a few seconds.</source>
            <translation>Creating the demo street office… this takes a few seconds.</translation>
        </message>
    </context>
    <context>
        <name>FormDraft</name>
        <message>
            <source>Restored your unsaved changes from {time}.</source>
            <translation>Restored your unsaved changes from {time}.</translation>
        </message>
    </context>
    <context>
        <name>HazardDetailScreen</name>
        <message>
            <source>Checklist item</source>
            <extracomment>Escalating (吹哨) hands the hazard to a ticket dispatched to a department. Steps the screen offers (a department&apos;s handling follows from its ticket&apos;s step). The rows of the action panel each step shows.</extracomment>
            <translation>Checklist item</translation>
        </message>
        <message>
            <source>Premises</source>
            <translation>Premises</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Severity</translation>
        </message>
        <message>
            <source>Rectify by</source>
            <translation>Rectify by</translation>
        </message>
        <message>
            <source>Responsible</source>
            <translation>Responsible</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>Open the ticket</source>
            <translation>Open the ticket</translation>
        </message>
        <message>
            <source>Before and after</source>
            <translation>Before and after</translation>
        </message>
        <message>
            <source>When found</source>
            <translation>When found</translation>
        </message>
        <message>
            <source>After rectification</source>
            <translation>After rectification</translation>
        </message>
        <message>
            <source>This hazard is verified closed.</source>
            <translation>This hazard is verified closed.</translation>
        </message>
        <message>
            <source>Urgent (10-minute response)</source>
            <translation>Urgent (10-minute response)</translation>
        </message>
        <message>
            <source>Rectified by</source>
            <translation>Rectified by</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Photo on site</source>
            <translation>Photo on site</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>Department</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>No photo</source>
            <translation>No photo</translation>
        </message>
        <message>
            <source>Hazard</source>
            <translation>Hazard</translation>
        </message>
        <message>
            <source>Hazard: {name}</source>
            <translation>Hazard: {name}</translation>
        </message>
        <message numerus="yes">
            <source>Overdue by %n day(s)</source>
            <translation>
                <numerusform>Overdue by %n day</numerusform>
                <numerusform>Overdue by %n days</numerusform>
            </translation>
        </message>
        <message>
            <source>{name}, or the department that did it</source>
            <translation>{name}, or the department that did it</translation>
        </message>
        <message>
            <source>What was found on site? (a note or a photo is required)</source>
            <translation>What was found on site? (a note or a photo is required)</translation>
        </message>
        <message>
            <source>Optional note</source>
            <translation>Optional note</translation>
        </message>
    </context>
    <context>
        <name>Hazards</name>
        <message>
            <source>{date} · %n days overdue</source>
            <translation>{date} · %n d overdue</translation>
        </message>
        <message>
            <source>{date} · due today</source>
            <translation>{date} · due today</translation>
        </message>
        <message>
            <source>{date} · %n days left</source>
            <translation>{date} · %n d left</translation>
        </message>
    </context>
    <context>
        <name>HazardsScreen</name>
        <message>
            <source>Hazard status by market</source>
            <translation>Hazard status by market</translation>
        </message>
        <message>
            <source>Overdue only</source>
            <translation>Overdue only</translation>
        </message>
        <message>
            <source>Open hazards</source>
            <translation>Open hazards</translation>
        </message>
        <message>
            <source>No open hazards.</source>
            <translation>No open hazards.</translation>
        </message>
        <message>
            <source>Hazards</source>
            <translation>Hazards</translation>
        </message>
        <message>
            <source>{year}-{month:02d}: hazards found and eliminated</source>
            <translation>{year}-{month:02d}: hazards found and eliminated</translation>
        </message>
        <message>
            <source>Found {found}, eliminated {eliminated}</source>
            <translation>Found {found}, eliminated {eliminated}</translation>
        </message>
        <message numerus="yes">
            <source>%n open hazards past their deadline</source>
            <translation>
                <numerusform>%n open hazard past its deadline</numerusform>
                <numerusform>%n open hazards past their deadline</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Open hazards, nearest deadline first (%n)</source>
            <translation>
                <numerusform>Open hazards, nearest deadline first (%n)</numerusform>
                <numerusform>Open hazards, nearest deadline first (%n)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HouseholdEditScreen</name>
        <message>
            <source>Key household because</source>
            <translation>Key household because</translation>
        </message>
        <message>
            <source>Party member household</source>
            <translation>Party member household</translation>
        </message>
        <message>
            <source>Vacant</source>
            <translation>Vacant</translation>
        </message>
        <message>
            <source>Rental</source>
            <translation>Rental</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Tags</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Edit household {address}</source>
            <translation>Edit household {address}</translation>
        </message>
        <message>
            <source>Household saved.</source>
            <translation>Household saved.</translation>
        </message>
    </context>
    <context>
        <name>HouseholdScreen</name>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>Show the phone number (the view is recorded)</source>
            <translation>Show the phone number (the view is recorded)</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Record a visit</source>
            <translation>Record a visit</translation>
        </message>
        <message>
            <source>Edit household</source>
            <translation>Edit household</translation>
        </message>
        <message>
            <source>Add resident</source>
            <translation>Add resident</translation>
        </message>
        <message>
            <source>Residents</source>
            <translation>Residents</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>Visits</translation>
        </message>
        <message>
            <source>Open tickets</source>
            <translation>Open tickets</translation>
        </message>
        <message numerus="yes">
            <source>Residents (%n)</source>
            <translation>
                <numerusform>Residents (%n)</numerusform>
                <numerusform>Residents (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Visits (%n)</source>
            <translation>
                <numerusform>Visits (%n)</numerusform>
                <numerusform>Visits (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Open tickets (%n)</source>
            <translation>
                <numerusform>Open tickets (%n)</numerusform>
                <numerusform>Open tickets (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>Household</source>
            <translation>Household</translation>
        </message>
        <message>
            <source>Household {address}</source>
            <translation>Household {address}</translation>
        </message>
        <message>
            <source>{community} · {grid} · building {building}, unit {unit}, floor {floor}</source>
            <translation>{community} · {grid} · building {building}, unit {unit}, floor {floor}</translation>
        </message>
        <message>
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <source>Key household: {reasons}</source>
            <translation>Key household: {reasons}</translation>
        </message>
        <message>
            <source>Party member household</source>
            <translation>Party member household</translation>
        </message>
        <message>
            <source>Vacant</source>
            <translation>Vacant</translation>
        </message>
        <message>
            <source>Rental</source>
            <translation>Rental</translation>
        </message>
        <message>
            <source>No tags</source>
            <translation>No tags</translation>
        </message>
    </context>
    <context>
        <name>InspectionScreen</name>
        <message>
            <source>Inspection</source>
            <extracomment>The answers as the database has them (to write only what changed).</extracomment>
            <translation>Inspection</translation>
        </message>
        <message>
            <source>Inspection: {name}</source>
            <translation>Inspection: {name}</translation>
        </message>
    </context>
    <context>
        <name>ItemCard</name>
        <message>
            <source>Photos</source>
            <translation>Photos</translation>
        </message>
        <message>
            <source>What is wrong, e.g. extension leads chained</source>
            <translation>What is wrong, e.g. extension leads chained</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Severity</translation>
        </message>
        <message>
            <source>Rectify by</source>
            <translation>Rectify by</translation>
        </message>
        <message>
            <source>Who must rectify it</source>
            <translation>Who must rectify it</translation>
        </message>
        <message>
            <source>Responsible</source>
            <translation>Responsible</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Routine visit</source>
            <translation>Routine visit</translation>
        </message>
        <message>
            <source>Key-group care</source>
            <translation>Key-group care</translation>
        </message>
        <message>
            <source>Policy publicity</source>
            <translation>Policy publicity</translation>
        </message>
        <message>
            <source>Dispute mediation</source>
            <translation>Dispute mediation</translation>
        </message>
        <message>
            <source>Safety check</source>
            <translation>Safety check</translation>
        </message>
        <message>
            <source>Epidemic prevention</source>
            <translation>Epidemic prevention</translation>
        </message>
        <message>
            <source>Elderly living alone</source>
            <translation>Elderly living alone</translation>
        </message>
        <message>
            <source>Empty-nest elderly</source>
            <translation>Empty-nest elderly</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>Disabled</translation>
        </message>
        <message>
            <source>Low income</source>
            <translation>Low income</translation>
        </message>
        <message>
            <source>Chronic / regular treatment</source>
            <translation>Chronic / regular treatment</translation>
        </message>
        <message>
            <source>Pregnant</source>
            <translation>Pregnant</translation>
        </message>
        <message>
            <source>Minor left behind</source>
            <translation>Minor left behind</translation>
        </message>
        <message>
            <source>Community correction</source>
            <translation>Community correction</translation>
        </message>
        <message>
            <source>Reported</source>
            <translation>Reported</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>Accepted</translation>
        </message>
        <message>
            <source>Dispatched</source>
            <translation>Dispatched</translation>
        </message>
        <message>
            <source>Handled</source>
            <translation>Handled</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>Verified</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <source>Urgent ticket in my grid</source>
            <translation>Urgent ticket in my grid</translation>
        </message>
        <message>
            <source>Escalated to me</source>
            <translation>Escalated to me</translation>
        </message>
        <message>
            <source>Dispatched (吹哨): follow it up</source>
            <translation>Dispatched (吹哨): follow it up</translation>
        </message>
        <message>
            <source>Deadline within a day</source>
            <translation>Deadline within a day</translation>
        </message>
        <message>
            <source>Deadline missed</source>
            <translation>Deadline missed</translation>
        </message>
        <message>
            <source>Key household overdue for a visit</source>
            <translation>Key household overdue for a visit</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>Report</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>Accept</translation>
        </message>
        <message>
            <source>Escalate</source>
            <translation>Escalate</translation>
        </message>
        <message>
            <source>Mark handled</source>
            <translation>Mark handled</translation>
        </message>
        <message>
            <source>Verify on site</source>
            <translation>Verify on site</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>Reopen</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>Grid</translation>
        </message>
        <message>
            <source>Community</source>
            <translation>Community</translation>
        </message>
        <message>
            <source>Street office</source>
            <translation>Street office</translation>
        </message>
        <message>
            <source>Need</source>
            <translation>Need</translation>
        </message>
        <message>
            <source>Complaint</source>
            <translation>Complaint</translation>
        </message>
        <message>
            <source>Suggestion</source>
            <translation>Suggestion</translation>
        </message>
        <message>
            <source>Nothing raised</source>
            <translation>Nothing raised</translation>
        </message>
        <message>
            <source>Settled on the spot</source>
            <translation>Settled on the spot</translation>
        </message>
        <message>
            <source>Open a ticket</source>
            <translation>Open a ticket</translation>
        </message>
        <message>
            <source>Head of household</source>
            <translation>Head of household</translation>
        </message>
        <message>
            <source>Spouse</source>
            <translation>Spouse</translation>
        </message>
        <message>
            <source>Child</source>
            <translation>Child</translation>
        </message>
        <message>
            <source>Parent</source>
            <translation>Parent</translation>
        </message>
        <message>
            <source>Grandchild</source>
            <translation>Grandchild</translation>
        </message>
        <message>
            <source>Tenant</source>
            <translation>Tenant</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Other</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Male</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>Female</translation>
        </message>
        <message>
            <source>Grid worker</source>
            <translation>Grid worker</translation>
        </message>
        <message>
            <source>Part-time grid worker</source>
            <translation>Part-time grid worker</translation>
        </message>
        <message>
            <source>Market inspector</source>
            <translation>Market inspector</translation>
        </message>
        <message>
            <source>Community supervisor</source>
            <translation>Community supervisor</translation>
        </message>
        <message>
            <source>Street office staff</source>
            <translation>Street office staff</translation>
        </message>
        <message>
            <source>Waiting to send</source>
            <translation>Waiting to send</translation>
        </message>
        <message>
            <source>Sent, awaiting confirmation</source>
            <translation>Sent, awaiting confirmation</translation>
        </message>
        <message>
            <source>Confirmed</source>
            <translation>Confirmed</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>Visit</translation>
        </message>
        <message>
            <source>Ticket</source>
            <translation>Ticket</translation>
        </message>
        <message>
            <source>Ticket step</source>
            <translation>Ticket step</translation>
        </message>
        <message>
            <source>Household</source>
            <translation>Household</translation>
        </message>
        <message>
            <source>Resident</source>
            <translation>Resident</translation>
        </message>
        <message>
            <source>Check-in</source>
            <translation>Check-in</translation>
        </message>
        <message>
            <source>Inspection</source>
            <translation>Inspection</translation>
        </message>
        <message>
            <source>Hazard</source>
            <translation>Hazard</translation>
        </message>
        <message>
            <source>Hazard step</source>
            <translation>Hazard step</translation>
        </message>
        <message>
            <source>Premises</source>
            <translation>Premises</translation>
        </message>
        <message>
            <source>Checklist answer</source>
            <translation>Checklist answer</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>Photo</translation>
        </message>
        <message>
            <source>Conflict resolution</source>
            <translation>Conflict resolution</translation>
        </message>
        <message>
            <source>Minor</source>
            <translation>Minor</translation>
        </message>
        <message>
            <source>Major</source>
            <translation>Major</translation>
        </message>
        <message>
            <source>Critical</source>
            <translation>Critical</translation>
        </message>
        <message>
            <source>Pass</source>
            <translation>Pass</translation>
        </message>
        <message>
            <source>Fail</source>
            <translation>Fail</translation>
        </message>
        <message>
            <source>N/A</source>
            <translation>N/A</translation>
        </message>
        <message>
            <source>Being rectified</source>
            <translation>Being rectified</translation>
        </message>
        <message>
            <source>Rectified, to re-inspect</source>
            <translation>Rectified, to re-inspect</translation>
        </message>
        <message>
            <source>Re-inspected</source>
            <translation>Re-inspected</translation>
        </message>
        <message>
            <source>Verified closed</source>
            <translation>Verified closed</translation>
        </message>
        <message>
            <source>Found in inspection</source>
            <extracomment>A hazard&apos;s steps (the core&apos;s HazardAction values, plus what its history adds).</extracomment>
            <translation>Found in inspection</translation>
        </message>
        <message>
            <source>Start rectification</source>
            <translation>Start rectification</translation>
        </message>
        <message>
            <source>Rectification done</source>
            <translation>Rectification done</translation>
        </message>
        <message>
            <source>Handled by the department</source>
            <translation>Handled by the department</translation>
        </message>
        <message>
            <source>Re-inspect: passed</source>
            <translation>Re-inspect: passed</translation>
        </message>
        <message>
            <source>Re-inspect: failed</source>
            <translation>Re-inspect: failed</translation>
        </message>
        <message>
            <source>Verify closed</source>
            <translation>Verify closed</translation>
        </message>
        <message>
            <source>Whistle: dispatch to a department</source>
            <translation>Whistle: dispatch to a department</translation>
        </message>
        <message>
            <source>Rectified: re-inspect</source>
            <translation>Rectified: re-inspect</translation>
        </message>
        <message>
            <source>Department reports in</source>
            <translation>Department reports in</translation>
        </message>
        <message>
            <source>Earlier steps (not recorded)</source>
            <translation>Earlier steps (not recorded)</translation>
        </message>
        <message>
            <source>New</source>
            <translation>New</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>Changed</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>Deleted</translation>
        </message>
        <message>
            <source>Overdue</source>
            <extracomment>A premises&apos; hazard status at a glance (the floor grid&apos;s symbols, worst first).</extracomment>
            <translation>Overdue</translation>
        </message>
        <message>
            <source>Open hazard</source>
            <translation>Open hazard</translation>
        </message>
        <message>
            <source>No hazards</source>
            <translation>No hazards</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>In progress</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Completed</translation>
        </message>
        <message>
            <source>, </source>
            <translation>, </translation>
        </message>
        <message>
            <source>Kept mine</source>
            <translation>Kept mine</translation>
        </message>
        <message>
            <source>Took the refused value</source>
            <translation>Took the refused value</translation>
        </message>
        <message>
            <source>Took the server&apos;s</source>
            <translation>Took the server&apos;s</translation>
        </message>
        <message>
            <source>Wrote a new value</source>
            <translation>Wrote a new value</translation>
        </message>
        <message>
            <source>Seen only</source>
            <translation>Seen only</translation>
        </message>
        <message>
            <source>Bldg {building} Unit {unit} Room {room}</source>
            <translation>Bldg {building} Unit {unit} Room {room}</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>no</source>
            <translation>no</translation>
        </message>
        <message>
            <source>The record now</source>
            <translation>The record now</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>Refused</translation>
        </message>
    </context>
    <context>
        <name>LoginScreen</name>
        <message>
            <source>GridTerm</source>
            <translation>GridTerm</translation>
        </message>
        <message>
            <source>Log in with your worker ID and PIN</source>
            <translation>Log in with your worker ID and PIN</translation>
        </message>
        <message>
            <source>Worker ID</source>
            <translation>Worker ID</translation>
        </message>
        <message>
            <source>PIN (6 to 12 digits)</source>
            <translation>PIN (6 to 12 digits)</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>Log in</source>
            <translation>Log in</translation>
        </message>
        <message>
            <source>Log in as another worker</source>
            <translation>Log in as another worker</translation>
        </message>
        <message>
            <source>Demo accounts</source>
            <translation>Demo accounts</translation>
        </message>
        <message>
            <source>Made-up people and places. Tap an account to fill it in.</source>
            <translation>Made-up people and places. Tap an account to fill it in.</translation>
        </message>
        <message>
            <source>Supervisor&apos;s confirmation</source>
            <translation>Supervisor&apos;s confirmation</translation>
        </message>
        <message>
            <source>Supervisor: your worker ID and PIN erase this terminal now. Its unsynced work is lost.</source>
            <translation>Supervisor: your worker ID and PIN erase this terminal now. Its unsynced work is lost.</translation>
        </message>
        <message>
            <source>Supervisor&apos;s worker ID</source>
            <translation>Supervisor&apos;s worker ID</translation>
        </message>
        <message>
            <source>Supervisor&apos;s PIN</source>
            <translation>Supervisor&apos;s PIN</translation>
        </message>
        <message>
            <source>Erase this terminal</source>
            <translation>Erase this terminal</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Clear</translation>
        </message>
        <message>
            <source>Delete the last digit</source>
            <translation>Delete the last digit</translation>
        </message>
        <message>
            <source>{name} · {role}
Worker ID {worker_id} · PIN {pin}</source>
            <translation>{name} · {role}
Worker ID {worker_id} · PIN {pin}</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Checking…</translation>
        </message>
        <message numerus="yes">
            <source>%n more wrong PIN(s) erase this terminal&apos;s keys.</source>
            <translation>
                <numerusform>%n more wrong PIN erases this terminal&apos;s keys.</numerusform>
                <numerusform>%n more wrong PINs erase this terminal&apos;s keys.</numerusform>
            </translation>
        </message>
        <message>
            <source>The limit of wrong PINs on this terminal is reached.</source>
            <translation>The limit of wrong PINs on this terminal is reached.</translation>
        </message>
        <message>
            <source>Try again in {time}.</source>
            <translation>Try again in {time}.</translation>
        </message>
        <message>
            <source>Locked</source>
            <translation>Locked</translation>
        </message>
        <message>
            <source>{name} ({worker_id}), enter your PIN to continue.</source>
            <translation>{name} ({worker_id}), enter your PIN to continue.</translation>
        </message>
    </context>
    <context>
        <name>MarketScreen</name>
        <message>
            <source>Search: name, operator, licence or stall</source>
            <translation>Search: name, operator, licence or stall</translation>
        </message>
        <message>
            <source>List</source>
            <translation>List</translation>
        </message>
        <message>
            <source>Floor plan</source>
            <translation>Floor plan</translation>
        </message>
        <message>
            <source>Add premises</source>
            <translation>Add premises</translation>
        </message>
        <message>
            <source>Premises</source>
            <translation>Premises</translation>
        </message>
        <message>
            <source>One tile per stall: its number, name, open hazards and state</source>
            <translation>One tile per stall: its number, name, open hazards and state</translation>
        </message>
        <message>
            <source>Markets</source>
            <translation>Markets</translation>
        </message>
        <message>
            <source>No market in your area.</source>
            <translation>No market in your area.</translation>
        </message>
        <message>
            <source>{stalls} stalls · {open} reported · {rectifying} being rectified · {overdue} overdue</source>
            <translation>{stalls} stalls · {open} reported · {rectifying} being rectified · {overdue} overdue</translation>
        </message>
        <message>
            <source>No premises registered yet.</source>
            <translation>No premises registered yet.</translation>
        </message>
        <message>
            <source>No premises match.</source>
            <translation>No premises match.</translation>
        </message>
    </context>
    <context>
        <name>Personal</name>
        <message>
            <source>Show</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>Show it in clear (the view is recorded)</source>
            <translation>Show it in clear (the view is recorded)</translation>
        </message>
        <message>
            <source>Hidden for your role</source>
            <translation>Hidden for your role</translation>
        </message>
    </context>
    <context>
        <name>PhotoCellDelegate</name>
        <message>
            <source>Not downloaded</source>
            <translation>Not downloaded</translation>
        </message>
    </context>
    <context>
        <name>PhotoPicker</name>
        <message>
            <source>Choose a photo</source>
            <translation>Choose a photo</translation>
        </message>
        <message>
            <source>Other folder…</source>
            <translation>Other folder…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Pictures, newest first</source>
            <translation>Pictures, newest first</translation>
        </message>
        <message>
            <source>Tap one to add it</source>
            <translation>Tap one to add it</translation>
        </message>
        <message>
            <source>No pictures in this folder.</source>
            <translation>No pictures in this folder.</translation>
        </message>
        <message>
            <source>Choose a folder of pictures</source>
            <translation>Choose a folder of pictures</translation>
        </message>
    </context>
    <context>
        <name>PhotoStrip</name>
        <message>
            <source>Take photo</source>
            <translation>Take photo</translation>
        </message>
        <message>
            <source>Choose photo</source>
            <translation>Choose photo</translation>
        </message>
        <message>
            <source>Remove photo</source>
            <translation>Remove photo</translation>
        </message>
        <message>
            <source>Photo not downloaded</source>
            <translation>Photo not downloaded</translation>
        </message>
    </context>
    <context>
        <name>PhotoViewer</name>
        <message>
            <source>Photo</source>
            <translation>Photo</translation>
        </message>
        <message>
            <source>Tap to close</source>
            <translation>Tap to close</translation>
        </message>
        <message>
            <source>Previous</source>
            <translation>Previous</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Next</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>Photo not downloaded</source>
            <translation>Photo not downloaded</translation>
        </message>
        <message>
            <source>This photo cannot be shown</source>
            <translation>This photo cannot be shown</translation>
        </message>
    </context>
    <context>
        <name>Photos</name>
        <message numerus="yes">
            <source>%n photo(s)</source>
            <translation>
                <numerusform>%n photo</numerusform>
                <numerusform>%n photos</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Premises</name>
        <message>
            <source>Building {building}</source>
            <translation>Building {building}</translation>
        </message>
        <message>
            <source>Floor {floor}</source>
            <translation>Floor {floor}</translation>
        </message>
        <message>
            <source>Row {row}</source>
            <translation>Row {row}</translation>
        </message>
        <message>
            <source>{place} · stall {number}</source>
            <translation>{place} · stall {number}</translation>
        </message>
        <message>
            <source>No location</source>
            <translation>No location</translation>
        </message>
        <message>
            <source>%n open hazards</source>
            <translation>Open hazards: %n</translation>
        </message>
    </context>
    <context>
        <name>PremisesEditScreen</name>
        <message>
            <source>Name (required)</source>
            <translation>Name (required)</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Licence no.</source>
            <translation>Licence no.</translation>
        </message>
        <message>
            <source>Contact phone</source>
            <translation>Contact phone</translation>
        </message>
        <message>
            <source>Trade</source>
            <translation>Trade</translation>
        </message>
        <message>
            <source>name of the shop or stall</source>
            <translation>name of the shop or stall</translation>
        </message>
        <message>
            <source>Building</source>
            <translation>Building</translation>
        </message>
        <message>
            <source>Floor</source>
            <translation>Floor</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>Row</translation>
        </message>
        <message>
            <source>Stall no.</source>
            <translation>Stall no.</translation>
        </message>
        <message>
            <source>Place in the market</source>
            <translation>Place in the market</translation>
        </message>
        <message>
            <source>Add premises</source>
            <translation>Add premises</translation>
        </message>
        <message>
            <source>Edit premises</source>
            <translation>Edit premises</translation>
        </message>
        <message>
            <source>Edit {name}</source>
            <translation>Edit {name}</translation>
        </message>
    </context>
    <context>
        <name>PremisesScreen</name>
        <message>
            <source>Shop name</source>
            <translation>Shop name</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Licence no.</source>
            <translation>Licence no.</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>Contact</translation>
        </message>
        <message>
            <source>Trade</source>
            <translation>Trade</translation>
        </message>
        <message>
            <source>Start inspection</source>
            <translation>Start inspection</translation>
        </message>
        <message>
            <source>Edit premises</source>
            <translation>Edit premises</translation>
        </message>
        <message>
            <source>Open hazards</source>
            <translation>Open hazards</translation>
        </message>
        <message>
            <source>Inspections</source>
            <translation>Inspections</translation>
        </message>
        <message numerus="yes">
            <source>Open hazards (%n)</source>
            <translation>
                <numerusform>Open hazards (%n)</numerusform>
                <numerusform>Open hazards (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Inspections (%n)</source>
            <translation>
                <numerusform>Inspections (%n)</numerusform>
                <numerusform>Inspections (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>Premises</source>
            <translation>Premises</translation>
        </message>
        <message>
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <source>Resume inspection</source>
            <translation>Resume inspection</translation>
        </message>
    </context>
    <context>
        <name>QuarantinePanel</name>
        <message>
            <source>Quarantine</source>
            <extracomment>Records a worker can open to correct them (the catalog says which screen shows each).</extracomment>
            <translation>Quarantine</translation>
        </message>
        <message>
            <source>Corrected value</source>
            <translation>Corrected value</translation>
        </message>
        <message>
            <source>Correct and resend</source>
            <translation>Correct and resend</translation>
        </message>
        <message>
            <source>Open the record</source>
            <translation>Open the record</translation>
        </message>
        <message>
            <source>Resend as it is</source>
            <translation>Resend as it is</translation>
        </message>
    </context>
    <context>
        <name>QuickReportScreen</name>
        <message>
            <source>1 · Photo</source>
            <translation>1 · Photo</translation>
        </message>
        <message>
            <source>2 · What kind of problem</source>
            <translation>2 · What kind of problem</translation>
        </message>
        <message>
            <source>Address or place, e.g. east gate of building 3</source>
            <translation>Address or place, e.g. east gate of building 3</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Where</translation>
        </message>
        <message>
            <source>One line, optional: what is wrong</source>
            <translation>One line, optional: what is wrong</translation>
        </message>
        <message>
            <source>What</source>
            <translation>What</translation>
        </message>
        <message>
            <source>Urgent (10-minute response)</source>
            <translation>Urgent (10-minute response)</translation>
        </message>
        <message>
            <source>3 · Send report</source>
            <translation>3 · Send report</translation>
        </message>
        <message>
            <source>Quick report</source>
            <translation>Quick report</translation>
        </message>
        <message>
            <source>Position {lat:.5f}, {lon:.5f}</source>
            <translation>Position {lat:.5f}, {lon:.5f}</translation>
        </message>
        <message>
            <source>Quick report: {category}</source>
            <translation>Quick report: {category}</translation>
        </message>
        <message>
            <source>Reported: {title}. It is in Tickets.</source>
            <translation>Reported: {title}. It is in Tickets.</translation>
        </message>
    </context>
    <context>
        <name>RecordDetailScreen</name>
        <message>
            <source>Next step</source>
            <translation>Next step</translation>
        </message>
        <message>
            <source>History</source>
            <translation>History</translation>
        </message>
    </context>
    <context>
        <name>Register</name>
        <message>
            <source>Building {number}</source>
            <translation>Building {number}</translation>
        </message>
    </context>
    <context>
        <name>RegisterScreen</name>
        <message>
            <source>Search: name, pinyin initials (zs), address 3-2-501 or phone digits</source>
            <translation>Search: name, pinyin initials (zs), address 3-2-501 or phone digits</translation>
        </message>
        <message>
            <source>My grids</source>
            <translation>My grids</translation>
        </message>
        <message>
            <source>Buildings</source>
            <translation>Buildings</translation>
        </message>
        <message>
            <source>Search results</source>
            <translation>Search results</translation>
        </message>
        <message>
            <source>Household register</source>
            <translation>Household register</translation>
        </message>
        <message>
            <source>Buildings of {grid}, {community}</source>
            <translation>Buildings of {grid}, {community}</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>Searching…</translation>
        </message>
    </context>
    <context>
        <name>Reports</name>
        <message>
            <source>Data as of the last confirmed sync: {time}</source>
            <translation>Data as of the last confirmed sync: {time}</translation>
        </message>
        <message>
            <source>Data as of: never synced with the server (local data only)</source>
            <translation>Data as of: never synced with the server (local data only)</translation>
        </message>
    </context>
    <context>
        <name>ReportsScreen</name>
        <message>
            <source>Daily work log</source>
            <translation>Daily work log</translation>
        </message>
        <message>
            <source>Monthly summary</source>
            <translation>Monthly summary</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>Report</translation>
        </message>
        <message>
            <source>Chart</source>
            <translation>Chart</translation>
        </message>
        <message>
            <source>Table</source>
            <translation>Table</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Area</source>
            <translation>Area</translation>
        </message>
        <message>
            <source>Part of the report</source>
            <translation>Part of the report</translation>
        </message>
        <message>
            <source>File format</source>
            <translation>File format</translation>
        </message>
        <message>
            <source>Excel (xlsx)</source>
            <translation>Excel (xlsx)</translation>
        </message>
        <message>
            <source>PDF to print and sign</source>
            <translation>PDF to print and sign</translation>
        </message>
        <message>
            <source>CSV (zip of tables)</source>
            <translation>CSV (zip of tables)</translation>
        </message>
        <message>
            <source>JSON for other platforms</source>
            <translation>JSON for other platforms</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>Folder</translation>
        </message>
        <message>
            <source>Choose folder…</source>
            <translation>Choose folder…</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Export</translation>
        </message>
        <message>
            <source>Export progress</source>
            <translation>Export progress</translation>
        </message>
        <message>
            <source>Open file</source>
            <translation>Open file</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>Reports</translation>
        </message>
        <message>
            <source>USB drive {name} ({path})</source>
            <translation>USB drive {name} ({path})</translation>
        </message>
        <message>
            <source>Save reports in</source>
            <translation>Save reports in</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>Exporting…</translation>
        </message>
        <message>
            <source>Saved {file}</source>
            <translation>Saved {file}</translation>
        </message>
    </context>
    <context>
        <name>ResidentEditScreen</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Gender</source>
            <translation>Gender</translation>
        </message>
        <message>
            <source>Relation to head</source>
            <translation>Relation to head</translation>
        </message>
        <message>
            <source>YYYY-MM-DD, e.g. 1948-03-02</source>
            <translation>YYYY-MM-DD, e.g. 1948-03-02</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>ID number</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>Health</translation>
        </message>
        <message>
            <source>Party member</source>
            <translation>Party member</translation>
        </message>
        <message>
            <source>Moved out</source>
            <translation>Moved out</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>New resident</source>
            <translation>New resident</translation>
        </message>
        <message>
            <source>Edit resident {name}</source>
            <translation>Edit resident {name}</translation>
        </message>
        <message>
            <source>Resident saved.</source>
            <translation>Resident saved.</translation>
        </message>
    </context>
    <context>
        <name>Residents</name>
        <message>
            <source>Tap to show (the view is recorded)</source>
            <translation>Tap to show (the view is recorded)</translation>
        </message>
        <message>
            <source>(party member)</source>
            <translation>(party member)</translation>
        </message>
        <message>
            <source>(moved out)</source>
            <translation>(moved out)</translation>
        </message>
    </context>
    <context>
        <name>Search</name>
        <message>
            <source>name</source>
            <translation>name</translation>
        </message>
        <message>
            <source>pinyin</source>
            <translation>pinyin</translation>
        </message>
        <message>
            <source>pinyin initials</source>
            <translation>pinyin initials</translation>
        </message>
        <message>
            <source>address</source>
            <translation>address</translation>
        </message>
        <message>
            <source>phone digits</source>
            <translation>phone digits</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>ID number</translation>
        </message>
        <message>
            <source>Fewer than {digits} digits find building numbers; type at least {digits} digits for a phone or ID number.</source>
            <translation>Fewer than {digits} digits find building numbers; type at least {digits} digits for a phone or ID number.</translation>
        </message>
        <message>
            <source>First %n, type more</source>
            <translation>First %n, type more</translation>
        </message>
        <message>
            <source>%n found</source>
            <translation>%n found</translation>
        </message>
        <message>
            <source>Nothing found</source>
            <translation>Nothing found</translation>
        </message>
        <message>
            <source>(household)</source>
            <translation>(household)</translation>
        </message>
        <message>
            <source>{name} (moved out)</source>
            <translation>{name} (moved out)</translation>
        </message>
    </context>
    <context>
        <name>SearchBox</name>
        <message>
            <source>Search</source>
            <translation>Search</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Clear</translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <source>Street office CA file (.pem); empty: the system&apos;s</source>
            <translation>Street office CA file (.pem); empty: the system&apos;s</translation>
        </message>
        <message>
            <source>SHA-256 fingerprint; empty: no pin</source>
            <translation>SHA-256 fingerprint; empty: no pin</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>CA certificates</source>
            <translation>CA certificates</translation>
        </message>
        <message>
            <source>Pinned certificate</source>
            <translation>Pinned certificate</translation>
        </message>
        <message>
            <source>Certificate settings saved; used from the next login.</source>
            <translation>Certificate settings saved; used from the next login.</translation>
        </message>
    </context>
    <context>
        <name>SettingsScreen</name>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <source>High contrast (outdoors)</source>
            <translation>High contrast (outdoors)</translation>
        </message>
        <message>
            <source>Colours</source>
            <translation>Colours</translation>
        </message>
        <message>
            <source>Large text</source>
            <translation>Large text</translation>
        </message>
        <message>
            <source>Text size</source>
            <translation>Text size</translation>
        </message>
        <message>
            <source>{px} px</source>
            <translation>{px} px</translation>
        </message>
        <message>
            <source>Photo size (longest side)</source>
            <translation>Photo size (longest side)</translation>
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n min</numerusform>
                <numerusform>%n min</numerusform>
            </translation>
        </message>
        <message>
            <source>Lock after idle</source>
            <translation>Lock after idle</translation>
        </message>
        <message>
            <source>{name} · {role} · worker ID {worker_id}</source>
            <translation>{name} · {role} · worker ID {worker_id}</translation>
        </message>
        <message>
            <source>Logged in as</source>
            <translation>Logged in as</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>Database</translation>
        </message>
        <message>
            <source>Encrypted</source>
            <translation>Encrypted</translation>
        </message>
        <message>
            <source>NOT encrypted (developer)</source>
            <translation>NOT encrypted (developer)</translation>
        </message>
        <message>
            <source>Log out</source>
            <translation>Log out</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) on this terminal are not sent yet.</source>
            <translation>
                <numerusform>%n record on this terminal is not sent yet.</numerusform>
                <numerusform>%n records on this terminal are not sent yet.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them by other workers.</source>
            <translation>
                <numerusform>%n of them by another worker.</numerusform>
                <numerusform>%n of them by other workers.</numerusform>
            </translation>
        </message>
        <message>
            <source>They stay here and go with the next sync.</source>
            <translation>They stay here and go with the next sync.</translation>
        </message>
        <message>
            <source>Server saved.</source>
            <translation>Server saved.</translation>
        </message>
    </context>
    <context>
        <name>Shell</name>
        <message>
            <source>Market</source>
            <translation>Market</translation>
        </message>
        <message>
            <source>Hazards</source>
            <translation>Hazards</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Register</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>Team</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>Reports</translation>
        </message>
        <message>
            <source>Tickets</source>
            <translation>Tickets</translation>
        </message>
        <message>
            <source>Quick report</source>
            <comment>navigation</comment>
            <translation>Report</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>Sync</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
    </context>
    <context>
        <name>SignPage</name>
        <message>
            <source>Operator&apos;s signature</source>
            <translation>Operator&apos;s signature</translation>
        </message>
        <message>
            <source>Back to the checklist</source>
            <translation>Back to the checklist</translation>
        </message>
        <message>
            <source>Complete inspection</source>
            <translation>Complete inspection</translation>
        </message>
        <message>
            <source>Operator not present</source>
            <translation>Operator not present</translation>
        </message>
        <message>
            <source>Why can nobody sign? (required)</source>
            <translation>Why can nobody sign? (required)</translation>
        </message>
        <message numerus="yes">
            <source>%n failed item(s) will be reported as hazards.</source>
            <translation>
                <numerusform>%n failed item will be reported as a hazard.</numerusform>
                <numerusform>%n failed items will be reported as hazards.</numerusform>
            </translation>
        </message>
        <message>
            <source>No hazards found: every item passed or does not apply.</source>
            <translation>No hazards found: every item passed or does not apply.</translation>
        </message>
    </context>
    <context>
        <name>SignaturePad</name>
        <message>
            <source>Sign inside the box with a finger or stylus.</source>
            <extracomment>Ink width in pixels: thick enough to read on a small tablet, like a felt pen.</extracomment>
            <translation>Sign inside the box with a finger or stylus.</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>Signature</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Clear</translation>
        </message>
    </context>
    <context>
        <name>SyncIndicator</name>
        <message>
            <source>Connecting…</source>
            <translation>Connecting…</translation>
        </message>
        <message>
            <source>Online</source>
            <translation>Online</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>Offline</translation>
        </message>
        <message numerus="yes">
            <source>%n waiting</source>
            <translation>
                <numerusform>%n waiting</numerusform>
                <numerusform>%n waiting</numerusform>
            </translation>
        </message>
        <message>
            <source>All sent</source>
            <translation>All sent</translation>
        </message>
        <message numerus="yes">
            <source>%n need attention</source>
            <translation>
                <numerusform>%n need attention</numerusform>
                <numerusform>%n need attention</numerusform>
            </translation>
        </message>
        <message>
            <source>Last sync {time}</source>
            <extracomment>How often the counts are re-read besides after local writes (the sync engine writes too).</extracomment>
            <translation>Last sync {time}</translation>
        </message>
        <message>
            <source>Not enrolled</source>
            <translation>Not enrolled</translation>
        </message>
        <message>
            <source>Never synced</source>
            <translation>Never synced</translation>
        </message>
    </context>
    <context>
        <name>SyncScreen</name>
        <message>
            <source>On this terminal</source>
            <translation>On this terminal</translation>
        </message>
        <message>
            <source>Waiting to send</source>
            <translation>Waiting to send</translation>
        </message>
        <message>
            <source>Sent, awaiting confirmation</source>
            <translation>Sent, awaiting confirmation</translation>
        </message>
        <message>
            <source>Confirmed by the server</source>
            <translation>Confirmed by the server</translation>
        </message>
        <message>
            <source>Need attention (quarantine)</source>
            <translation>Need attention (quarantine)</translation>
        </message>
        <message>
            <source>Conflicts to resolve</source>
            <translation>Conflicts to resolve</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <source>Every record is saved on this terminal first. It counts as synced only when the server confirms it. A record the server refuses waits in the quarantine with the reason; the others keep flowing.</source>
            <translation>Every record is saved on this terminal first. It counts as synced only when the server confirms it. A record the server refuses waits in the quarantine with the reason; the others keep flowing.</translation>
        </message>
        <message>
            <source>All</source>
            <translation>All</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Waiting</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Sent</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Syncing…</translation>
        </message>
        <message>
            <source>Synced: {sent} sent, {received} received, {refused} refused.</source>
            <translation>Synced: {sent} sent, {received} received, {refused} refused.</translation>
        </message>
        <message>
            <source>Confirmed</source>
            <translation>Confirmed</translation>
        </message>
        <message>
            <source>Nothing here.</source>
            <translation>Nothing here.</translation>
        </message>
        <message>
            <source>Records</source>
            <translation>Records</translation>
        </message>
        <message numerus="yes">
            <source>Quarantine (%n)</source>
            <translation>
                <numerusform>Quarantine (%n)</numerusform>
                <numerusform>Quarantine (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Conflicts (%n)</source>
            <translation>
                <numerusform>Conflicts (%n)</numerusform>
                <numerusform>Conflicts (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>Sync</translation>
        </message>
        <message>
            <source>Last confirmed sync: {time}</source>
            <translation>Last confirmed sync: {time}</translation>
        </message>
        <message>
            <source>This terminal has never synced.</source>
            <translation>This terminal has never synced.</translation>
        </message>
    </context>
    <context>
        <name>Team</name>
        <message>
            <source>{n} ({urgent} urgent)</source>
            <translation>{n} ({urgent} urgent)</translation>
        </message>
        <message>
            <source>Not checked in</source>
            <translation>Not checked in</translation>
        </message>
        <message>
            <source>Checked out</source>
            <translation>Checked out</translation>
        </message>
        <message>
            <source>On the round</source>
            <translation>On the round</translation>
        </message>
    </context>
    <context>
        <name>TeamScreen</name>
        <message>
            <source>Nobody works in this area yet.</source>
            <translation>Nobody works in this area yet.</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>Team</translation>
        </message>
        <message>
            <source>{checked} of {total} checked in · {behind} behind on key households</source>
            <translation>{checked} of {total} checked in · {behind} behind on key households</translation>
        </message>
    </context>
    <context>
        <name>TicketDetailScreen</name>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Reported</source>
            <translation>Reported</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Waiting</translation>
        </message>
        <message>
            <source>Time limit</source>
            <translation>Time limit</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>Department</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Where</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>Nothing for you to do on this ticket now.</source>
            <translation>Nothing for you to do on this ticket now.</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Photo on site</source>
            <translation>Photo on site</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Ticket</source>
            <translation>Ticket</translation>
        </message>
        <message>
            <source>Urgent</source>
            <translation>Urgent</translation>
        </message>
        <message>
            <source>{time} by {name}</source>
            <translation>{time} by {name}</translation>
        </message>
        <message>
            <source>Open household {address}</source>
            <translation>Open household {address}</translation>
        </message>
        <message>
            <source>Urgent: waiting {clock} (respond within 10 minutes)</source>
            <translation>Urgent: waiting {clock} (respond within 10 minutes)</translation>
        </message>
        <message>
            <source>Why? (required)</source>
            <translation>Why? (required)</translation>
        </message>
        <message>
            <source>Optional note</source>
            <translation>Optional note</translation>
        </message>
    </context>
    <context>
        <name>Tickets</name>
        <message>
            <source>Urgent</source>
            <translation>Urgent</translation>
        </message>
    </context>
    <context>
        <name>TicketsScreen</name>
        <message>
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>Overdue</translation>
        </message>
        <message>
            <source>Tickets</source>
            <translation>Tickets</translation>
        </message>
        <message>
            <source>No tickets here.</source>
            <translation>No tickets here.</translation>
        </message>
        <message>
            <source>Tickets in my grids</source>
            <translation>Tickets in my grids</translation>
        </message>
        <message numerus="yes">
            <source>%n urgent ticket(s) waiting for a response · longest {clock}</source>
            <translation>
                <numerusform>%n urgent ticket waiting for a response · longest {clock}</numerusform>
                <numerusform>%n urgent tickets waiting for a response · longest {clock}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Time</name>
        <message>
            <source>%n min</source>
            <translation>%n min</translation>
        </message>
        <message>
            <source>{h} h {m} min</source>
            <translation>{h} h {m} min</translation>
        </message>
        <message>
            <source>{d} d</source>
            <translation>{d} d</translation>
        </message>
        <message>
            <source>{d} d {h} h</source>
            <translation>{d} d {h} h</translation>
        </message>
        <message>
            <source>overdue {time}</source>
            <translation>overdue {time}</translation>
        </message>
        <message>
            <source>{time} left</source>
            <translation>{time} left</translation>
        </message>
    </context>
    <context>
        <name>TodayScreen</name>
        <message>
            <source>Round</source>
            <translation>Round</translation>
        </message>
        <message>
            <source>Not checked in yet</source>
            <translation>Not checked in yet</translation>
        </message>
        <message>
            <source>Check in</source>
            <translation>Check in</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>Visits</translation>
        </message>
        <message>
            <source>Key households visited</source>
            <translation>Key households visited</translation>
        </message>
        <message>
            <source>Tickets reported</source>
            <translation>Tickets reported</translation>
        </message>
        <message>
            <source>Open tickets in my grids</source>
            <translation>Open tickets in my grids</translation>
        </message>
        <message>
            <source>Urgent tickets</source>
            <translation>Urgent tickets</translation>
        </message>
        <message>
            <source>Tickets overdue</source>
            <translation>Tickets overdue</translation>
        </message>
        <message>
            <source>Unsaved visits</source>
            <translation>Unsaved visits</translation>
        </message>
        <message>
            <source>Due for a visit</source>
            <translation>Due for a visit</translation>
        </message>
        <message>
            <source>Key households first; tap one to open it.</source>
            <translation>Key households first; tap one to open it.</translation>
        </message>
        <message>
            <source>Nobody is due today. Well done.</source>
            <translation>Nobody is due today. Well done.</translation>
        </message>
        <message>
            <source>{date} · good work today, {name}</source>
            <translation>{date} · Good work today, {name}</translation>
        </message>
        <message numerus="yes">
            <source>Due for a visit (%n)</source>
            <translation>
                <numerusform>Due for a visit (%n)</numerusform>
                <numerusform>Due for a visit (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>Check out</source>
            <translation>Check out</translation>
        </message>
        <message>
            <source>Checked in at {time}</source>
            <translation>Checked in at {time}</translation>
        </message>
        <message>
            <source>Round finished: {start} – {end}</source>
            <translation>Round finished: {start} – {end}</translation>
        </message>
        <message>
            <source>Location {lat:.5f}, {lon:.5f}</source>
            <translation>Location {lat:.5f}, {lon:.5f}</translation>
        </message>
        <message>
            <source>No position was available: no location recorded.</source>
            <translation>No position was available: no location recorded.</translation>
        </message>
        <message>
            <source>Continue the visit to {address}</source>
            <translation>Continue the visit to {address}</translation>
        </message>
        <message>
            <source>Finding your location…</source>
            <translation>Finding your location…</translation>
        </message>
    </context>
    <context>
        <name>TopBar</name>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alerts</translation>
        </message>
        <message>
            <source>Lock</source>
            <translation>Lock</translation>
        </message>
        <message>
            <source>Lock the terminal; your PIN opens it again</source>
            <translation>Lock the terminal; your PIN opens it again</translation>
        </message>
    </context>
    <context>
        <name>Tour</name>
        <message>
            <source>The corridor light has been broken for three days</source>
            <translation>The corridor light has been broken for three days</translation>
        </message>
        <message>
            <source>Blood pressure a little high; reminded to take the pills.</source>
            <translation>Blood pressure a little high; reminded to take the pills.</translation>
        </message>
        <message>
            <source>Extension leads chained behind the counter</source>
            <translation>Extension leads chained behind the counter</translation>
        </message>
        <message>
            <source>Still chained; told the operator again</source>
            <translation>Still chained; told the operator again</translation>
        </message>
    </context>
    <context>
        <name>TransitionModel</name>
        <message>
            <source>{step} ({level})</source>
            <translation>{step} ({level})</translation>
        </message>
    </context>
    <context>
        <name>VisitScreen</name>
        <message>
            <source>Visit type</source>
            <translation>Visit type</translation>
        </message>
        <message>
            <source>Someone else (name)</source>
            <translation>Someone else (name)</translation>
        </message>
        <message>
            <source>Who was met</source>
            <translation>Who was met</translation>
        </message>
        <message>
            <source>Add what they raised</source>
            <translation>Add what they raised</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>Raised</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Photos</source>
            <translation>Photos</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <source>Ticket title (from what was raised)</source>
            <translation>Ticket title (from what was raised)</translation>
        </message>
        <message>
            <source>Urgent (10-minute response)</source>
            <translation>Urgent (10-minute response)</translation>
        </message>
        <message>
            <source>Ticket</source>
            <translation>Ticket</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Discard</translation>
        </message>
        <message>
            <source>Save visit</source>
            <translation>Save visit</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>Visit</translation>
        </message>
        <message>
            <source>Visit {address}</source>
            <translation>Visit {address}</translation>
        </message>
        <message>
            <source>Restored your unsaved visit from {time}.</source>
            <translation>Restored your unsaved visit from {time}.</translation>
        </message>
        <message>
            <source>Visit saved; ticket opened.</source>
            <translation>Visit saved; ticket opened.</translation>
        </message>
        <message>
            <source>Visit saved.</source>
            <translation>Visit saved.</translation>
        </message>
    </context>
</TS>
