// Unit tests format local times; pin the zone so they pass anywhere.
process.env.TZ = 'Asia/Shanghai'
