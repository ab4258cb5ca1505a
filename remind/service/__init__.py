"""The bureau's 督办 service (remind serve): each unit's clerk records from a secret link, the
coordinator sees the board at once. A front end like the command line: it reads the same task
list and record store through remind.storage, and every date comes from the schedule engine.
"""
